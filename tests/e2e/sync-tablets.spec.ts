import { expect, type Page, test } from '@playwright/test';
import type { PushResponse } from '../../src/api/schemas';
import { expectNoAxeViolations } from './axe';
import {
  demoListCards,
  gotoUnlocked,
  rawRecord,
  recordPushAnswers,
  serverItem,
  signInThroughUi,
  tabletsOf,
  waitForServiceWorker,
} from './helpers';

const PENDING_NONE = '未送信の変更はありません';
const tickButton = (page: Page, itemId: string) =>
  page.locator(`li[data-item-id="${itemId}"]`).getByRole('button', { name: /を回収済にする$/ });

/** The tablet's own record of an item (IndexedDB), whether or not its row is scrolled into view. */
const localStatus = async (page: Page, itemId: string) =>
  (await rawRecord<{ status?: string }>(page, 'items', itemId))?.status;

async function openFirstList(page: Page) {
  await demoListCards(page).first().click();
  await expect(page).toHaveURL(/\/lists\/[^/]+$/);
  await expect(page.locator('li.item').first()).toBeVisible();
}

test('two tablets tick overlapping items offline, come back online and converge on one return each', async ({
  browser,
  request,
}) => {
  const tablets = tabletsOf(browser);
  try {
    const [a, b] = await Promise.all(
      [0, 1].map(async () => {
        const page = await tablets.open();
        await waitForServiceWorker(page);
        await openFirstList(page);
        return { context: page.context(), page };
      }),
    );
    if (!a || !b) throw new Error('no tablets');
    const ids = await a.page
      .locator('li.item.to_collect')
      .evaluateAll((rows) => rows.slice(0, 3).map((row) => row.getAttribute('data-item-id') as string));
    expect(ids).toHaveLength(3);
    const [first, shared, third] = ids as [string, string, string];

    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await tickButton(a.page, first).click();
    await tickButton(a.page, shared).click();
    await expect(a.page.getByTestId('pending-count')).toHaveText('未送信の変更 2 件');
    const betweenTicks = Date.now();
    await b.page.waitForTimeout(20);
    await tickButton(b.page, shared).click();
    await tickButton(b.page, third).click();
    await expect(b.page.getByTestId('pending-count')).toHaveText('未送信の変更 2 件');

    await b.context.setOffline(false);
    await expect(b.page.getByTestId('pending-count')).toHaveText(PENDING_NONE, { timeout: 20_000 });
    await a.context.setOffline(false);
    await expect(a.page.getByTestId('pending-count')).toHaveText(PENDING_NONE, { timeout: 20_000 });
    // B learns about A's ticks on its next round (here the clerk presses "sync now").
    await b.page.getByRole('button', { name: '今すぐ同期' }).click();

    for (const id of ids) {
      const onServer = await serverItem(request, id);
      expect(onServer?.status, id).toBe('returned');
      for (const tablet of [a, b]) {
        await expect.poll(() => localStatus(tablet.page, id), { timeout: 20_000 }).toBe('returned');
      }
    }
    // Both ticked the shared item: one return, at the earlier time (tablet A's).
    const sharedOnServer = await serverItem(request, shared);
    expect(Date.parse(sharedOnServer?.returnedAt as string)).toBeLessThan(betweenTicks);
    await expectNoAxeViolations(a.page, 'list after two tablets converged');
  } finally {
    await tablets.closeAll();
  }
});

test.describe('a page closed in the middle of a push', () => {
  // The page itself pushes here (no service worker taking over), so the test controls each push.
  test.use({ serviceWorkers: 'block' });

  test('is reopened and the push completes exactly once', async ({ context, request }) => {
    let page = await context.newPage();
    await signInThroughUi(page);
    await openFirstList(page);
    const listUrl = page.url();
    const itemId = (await page.locator('li.item.to_collect').first().getAttribute('data-item-id')) as string;

    // Every push answer the pages receive...
    const answers = recordPushAnswers(context);
    let firstPush = true;
    await context.route('**/api/v1/sync/push', async (route) => {
      if (!firstPush) return route.continue();
      firstPush = false;
      // ...except the first: it reaches the server and is applied, but the clerk closes the app
      // before the answer arrives.
      const response = await route.fetch();
      answers.push(...((await response.json()) as PushResponse).results);
      await page.close();
      await route.abort().catch(() => {});
    });

    await tickButton(page, itemId).click();
    await expect.poll(() => page.isClosed(), { timeout: 20_000 }).toBe(true);
    expect(answers.map((a) => a.status)).toEqual(['applied']);

    page = await context.newPage();
    await gotoUnlocked(page, listUrl);
    await expect(page.getByTestId('pending-count')).toHaveText(PENDING_NONE, { timeout: 20_000 });
    expect(await localStatus(page, itemId)).toBe('returned');
    const pushedId = answers[0]?.id;
    // Sent twice, applied once: the second answer is "duplicate", and the outbox is empty.
    await expect
      .poll(() => answers.filter((a) => a.id === pushedId).map((a) => a.status))
      .toEqual(['applied', 'duplicate']);
    expect((await serverItem(request, itemId))?.status).toBe('returned');
  });
});
