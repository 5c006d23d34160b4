import { expect, test } from '@playwright/test';
import { gotoUnlocked, tabletsOf } from './helpers';

/**
 * The office profile the forms print (docs/decisions/024): the insurer's enrolment comes with the
 * sign-in, untyped; what a clerk corrects on one tablet reaches the office's other tablet.
 */
const OFFICE = { officeCode: 'DEMO-3', accessCode: 'demo-pass-3' };
const PENDING_NONE = '未送信の変更はありません';

test("the insurer's 記号・番号・所在地 are there untyped, and one tablet's edit reaches the other", async ({
  browser,
}) => {
  const tablets = tabletsOf(browser, OFFICE);
  try {
    const a = await tablets.open();
    const b = await tablets.open();
    await gotoUnlocked(a, '/reports/forms');
    await expect(a.getByLabel('事業所整理記号', { exact: true })).toHaveValue('3105');
    await expect(a.getByLabel('事業所番号', { exact: true })).toHaveValue('00022');
    await expect(a.getByLabel('所在地', { exact: true })).toHaveValue('神奈川県川崎市幸区南加瀬四丁目7番2号');

    // A corrects the address and types the owner; the insurer's record shows beside the corrected field.
    await a.getByLabel('所在地', { exact: true }).fill('神奈川県川崎市幸区南加瀬四丁目7番3号');
    await a.getByLabel('事業主氏名', { exact: true }).fill('湊 二郎');
    await a.getByRole('button', { name: '事業所の情報を保存' }).click();
    await expect(a.getByText('事業所の情報を保存しました。')).toBeVisible();
    await expect(a.getByText('保険者の登録：神奈川県川崎市幸区南加瀬四丁目7番2号', { exact: false })).toBeVisible();
    await gotoUnlocked(a, '/');
    await expect(a.getByTestId('pending-count')).toHaveText(PENDING_NONE, { timeout: 20_000 });

    // B learns it with its next pull (a new start of the app), and its forms print it.
    await gotoUnlocked(b, '/reports/forms');
    await expect(b.getByLabel('事業主氏名', { exact: true })).toHaveValue('湊 二郎', { timeout: 20_000 });
    await expect(b.getByLabel('所在地', { exact: true })).toHaveValue('神奈川県川崎市幸区南加瀬四丁目7番3号');
    await expect(b.getByLabel('事業所番号', { exact: true })).toHaveValue('00022');
  } finally {
    await tablets.closeAll();
  }
});
