import { expect, type Page, test } from '@playwright/test';
import type { RecallItem } from '../../src/api/schemas';
import { expectNoAxeViolations } from './axe';
import { DEMO, serverItems, tabletsOf, waitForServiceWorker } from './helpers';

// Issue 14: an HR event recorded offline on one tablet → items with the route and due dates the
// rules give for the office's kind of insurer → synced to the office's second tablet.
const KINDS = [
  {
    kind: '協会けんぽ',
    credentials: { officeCode: 'DEMO-2', accessCode: 'demo-pass-2' },
    route: '資格喪失届に添付して年金事務所へ',
  },
  { kind: '健康保険組合', credentials: DEMO, route: '組合へ返却' },
] as const;

/** A 被保険者 with a dependant, both on the office's lists, whose name no one else on them has. */
function householdOfTwo(items: RecallItem[]): { selfName: string; memberIds: string[] } {
  const byHousehold = new Map<string, RecallItem[]>();
  for (const item of items) byHousehold.set(item.householdId, [...(byHousehold.get(item.householdId) ?? []), item]);
  const nameCount = new Map<string, number>();
  for (const item of items) nameCount.set(item.person.name, (nameCount.get(item.person.name) ?? 0) + 1);
  for (const members of byHousehold.values()) {
    const self = members.find((i) => i.relation === 'self');
    if (!self || !members.some((i) => i.relation === 'dependant') || nameCount.get(self.person.name) !== 1) continue;
    return { selfName: self.person.name, memberIds: members.map((i) => i.memberId) };
  }
  throw new Error('no household of two on the lists');
}

for (const { kind, credentials, route } of KINDS) {
  test(`${kind}: a 退職 recorded offline recalls the household's certificates, with the route and the 5-day due date, and reaches the second tablet`, async ({
    browser,
    request,
  }) => {
    const tablets = tabletsOf(browser, credentials);
    try {
      const a = await tablets.open();
      await waitForServiceWorker(a);
      const b = await tablets.open();
      const onServer = await serverItems(request, credentials);
      const { selfName, memberIds } = householdOfTwo(onServer);
      const before = onServer.length;

      await a.context().setOffline(true);
      await a.getByRole('link', { name: '異動を登録' }).click();
      await expect(a.getByRole('heading', { name: '退職・異動を登録' })).toBeVisible();
      await expectNoAxeViolations(a, 'hr-event');
      await a.getByLabel('退職', { exact: true }).check();
      await a.getByLabel('氏名・フリガナ・記号番号で探す').fill(selfName);
      await a.getByRole('button', { name: `${selfName}（本人）を選ぶ` }).click();
      // 退職 Monday 2026-08-31 → 喪失 Tuesday 9/1 → day 5 is Saturday 9/5 → Monday 9/7. The office's list
      // of September sorts below the demo's newer lists, which the other specs open first.
      await a.getByLabel('退職日').fill('2026-08-31');
      const preview = a.locator('.hr-preview');
      await expect(preview).toContainText(route);
      await expect(preview).toContainText('資格喪失日 令和8年9月1日');
      await expect(preview).toContainText('提出期限 令和8年9月7日');
      const expected = await preview.locator('h2 + ul > li').count();
      expect(expected).toBeGreaterThanOrEqual(1);
      await a.getByRole('button', { name: '登録する' }).click();
      await expect(a.locator('.hr-saved')).toContainText('回収リストに入れました');
      await a.getByRole('link', { name: 'リストを開く' }).click();
      await expect(a.locator('li.item').first()).toBeVisible();
      await expect(a.locator('li.item .tag.route').first()).toHaveText(route);
      await expect(a.getByTestId('pending-count')).toHaveText('未送信の変更 1 件');

      await a.context().setOffline(false);
      await a.getByRole('button', { name: '今すぐ同期' }).click();
      await expect(a.getByTestId('pending-count')).toHaveText('未送信の変更はありません');
      const stored = (await serverItems(request, credentials)).filter(
        (i) => i.hrEvent === 'retired' && i.lossDate === '2026-09-01',
      );
      expect(stored.length).toBe(expected);
      expect((await serverItems(request, credentials)).length).toBe(before + expected);
      for (const item of stored) {
        expect(item.dueDate).toBe('2026-09-07');
        expect(memberIds).toContain(item.memberId);
      }

      await b.getByRole('button', { name: '今すぐ同期' }).click();
      await b.locator(`a[href="/lists/${stored[0]?.listId}"]`).click();
      await expect(b.locator(`li[data-item-id="${stored[0]?.id}"]`)).toBeVisible();
      await expect(b.locator(`li[data-item-id="${stored[0]?.id}"] .tag.route`)).toHaveText(route);
    } finally {
      await tablets.closeAll();
    }
  });
}
