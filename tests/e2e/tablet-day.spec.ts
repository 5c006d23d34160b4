import { expect, test } from '@playwright/test';
import { signInThroughUi } from './helpers';

// A clerk's day on a tablet (issue 21): what the screens say must not depend on unrelated inputs.
test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });

test('two returns with no 担当者 saved: the 報告書 screen shows 2 waiting, and asks for the name only when a form is made', async ({
  page,
}) => {
  await signInThroughUi(page, { officeCode: 'DEMO-2', accessCode: 'demo-pass-2' });
  const listTitle = (await page.locator('.list-card .list-title').first().innerText()).trim();
  const waiting = async () => {
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '報告書' }).click();
    await page.getByLabel('対象').selectOption({ label: listTitle });
    const label = await page.getByText(/^資格確認書回収連絡書（まだ報告していない \d+ 件）$/).innerText();
    return Number(/(\d+) 件/.exec(label)?.[1]);
  };
  // The demo's list already holds some returns; they count, with or without a name.
  const before = await waiting();
  await page.getByRole('navigation', { name: 'メニュー' }).locator('a[href="/"]').click();
  await page.locator('.list-card').first().click();
  await expect(page.locator('li.item').first()).toBeVisible();
  for (let i = 0; i < 2; i++) {
    const row = page.locator('li.item.to_collect').first();
    const id = (await row.getAttribute('data-item-id')) as string;
    await row.getByRole('button', { name: /を回収済にする$/ }).click();
    await expect(page.locator(`li[data-item-id="${id}"]`)).toHaveClass(/returned/);
  }

  expect(await waiting()).toBe(before + 2);
  await expect(page.getByLabel('担当者名')).toHaveValue('');
  await expect(page.getByLabel(`資格確認書回収連絡書（まだ報告していない ${before + 2} 件）`)).toBeVisible();
  // Typing in the name field changes nothing of the counts.
  await page.getByLabel('担当者名').fill('佐');
  await expect(page.getByLabel(`資格確認書回収連絡書（まだ報告していない ${before + 2} 件）`)).toBeVisible();
  await page.getByLabel('担当者名').fill('');
  // The 担当者 is asked for when the form is made.
  await page.getByRole('button', { name: '作成して確認する' }).click();
  await expect(page.getByRole('alert')).toHaveText(/担当者名と電話番号を入れて保存してください/);
});

test('お知らせ: 開く brings the notice into view and moves the focus to it', async ({ page }) => {
  await signInThroughUi(page);
  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'お知らせ' }).click();
  const rows = page.locator('li.recipient');
  await expect(rows.first()).toBeVisible();
  // A member far down the list, as in the issue: the notice renders below all of them.
  const row = rows.nth(Math.min(8, (await rows.count()) - 1));
  const name = (await row.locator('.recipient-name').textContent()) as string;
  await row.getByRole('button', { name: `${name} さんへのお知らせを開く` }).click();
  const heading = page.locator('#notice-detail-title');
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  await expect(page.locator('section.notice-detail article[lang="ja"]')).toBeInViewport({ ratio: 0.1 });
});
