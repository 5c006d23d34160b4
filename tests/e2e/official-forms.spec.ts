import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, type Page, type TestInfo, test } from '@playwright/test';
import type { RecallItem } from '../../src/api/schemas';
import { formatWareki } from '../../src/domain/wareki';
import { expectNoAxeViolations } from './axe';
import { demoListCards, serverItem, signInThroughUi } from './helpers';
import {
  KUMIAI_RETURN_NOTICE_LABELS,
  KUMIAI_UNCOLLECTABLE_LABELS,
  KYOKAI_ATTACHMENT_LABELS,
  KYOKAI_UNCOLLECTABLE_LABELS,
} from './official-forms.fields';

const CONTACT = { address: '横浜市西区みなとみらい9-9-9', phone: '090-1111-2222' };

/** What the clerk types: the insurer does not enrol these (docs/decisions/024). */
const TYPED = {
  事業主の職名: '代表取締役',
  事業主氏名: '港 一郎',
  事業所の電話番号: '045-000-1111',
};

/** What the insurer enrolled for each demo office (server/seed/demo-data.ts): on the forms untyped. */
const ENROLLED = {
  'DEMO-2': {
    事業所整理記号: '14-ヨコミ',
    事業所番号: '51273',
    事業所名称: '横浜みなと物流株式会社 本社営業所',
    所在地: '神奈川県横浜市中区新港二丁目1番1号',
    /** Not enrolled by the insurer: typed. */
    郵便番号: '231-0001',
  },
  'DEMO-1': {
    事業所整理記号: '1201',
    事業所番号: '00045',
    事業所名称: '株式会社さくら製作所 本社工場',
    所在地: '東京都大田区下丸子二丁目15番8号',
    郵便番号: '146-0092',
  },
} as const;

async function markOne(page: Page, how: 'returned' | 'unreturnable'): Promise<string> {
  const row = page
    .locator('li.item.to_collect')
    .filter({ has: page.getByRole('button', { name: /を回収済にする$/ }) })
    .first();
  const id = (await row.getAttribute('data-item-id')) as string;
  const name = (await row.locator('.item-name').innerText()).trim();
  if (how === 'returned') {
    await row.getByRole('button', { name: /を回収済にする$/ }).click();
  } else {
    await row.getByRole('button', { name: `${name} さんの詳細` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('回収不能（連絡がつかない など）').check();
    await dialog.getByLabel('理由（報告書に記載されます）').fill('転居先不明');
    await dialog.getByRole('button', { name: '返却できないとして記録' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.locator(`li[data-item-id="${id}"]`)).not.toHaveClass(/to_collect/);
  return id;
}

async function fillProfile(page: Page, office: (typeof ENROLLED)[keyof typeof ENROLLED]) {
  const { 郵便番号, ...enrolled } = office;
  // The insurer's values came with the sign-in: the fields hold them before the clerk types anything.
  for (const [label, value] of Object.entries(enrolled))
    await expect(page.getByLabel(label, { exact: true })).toHaveValue(value);
  for (const [label, value] of Object.entries({ ...TYPED, 郵便番号 }))
    await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: '事業所の情報を保存' }).click();
  await expect(page.getByText('事業所の情報を保存しました。')).toBeVisible();
}

type Printed = { pages: string[]; pdfPath: string };
async function print(page: Page, testInfo: TestInfo, name: string): Promise<Printed> {
  const pdfPath = testInfo.outputPath(`${name}.pdf`);
  writeFileSync(pdfPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
  return { pdfPath, pages: text.split('\f').filter((p) => p.trim() !== '') };
}

/**
 * No clipping: the page rendered in grey by pdftoppm has only white in the page's margins (A4, 14 mm
 * left/right, 15 mm top), so the form's box lies inside them.
 */
function marginsAreWhite(pdfPath: string, pageNo: number, prefix: string) {
  execFileSync('pdftoppm', [
    '-gray',
    '-r',
    '50',
    '-f',
    String(pageNo),
    '-l',
    String(pageNo),
    '-singlefile',
    pdfPath,
    prefix,
  ]);
  const pgm = readFileSync(`${prefix}.pgm`);
  const header = pgm.subarray(0, 40).toString('latin1').split(/\s+/);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const headerLength = pgm.length - width * height;
  const mm = 50 / 25.4;
  const side = Math.floor(12 * mm);
  let dark = 0;
  for (let y = 0; y < height; y++)
    for (const x of [...Array(side).keys(), ...Array.from({ length: side }, (_, i) => width - 1 - i)])
      if ((pgm[headerLength + y * width + x] as number) < 200) dark++;
  for (let y = 0; y < Math.floor(12 * mm); y++)
    for (let x = 0; x < width; x++) if ((pgm[headerLength + y * width + x] as number) < 200) dark++;
  return dark;
}

/** pdftotext gives an ideographic space (U+3000) in a name back as a plain one. */
const flat = (text: string) => text.replace(/[\s\u3000]+/g, ' ');

function expectFields(text: string, labels: readonly string[], values: readonly string[]) {
  for (const label of labels) expect(flat(text), label).toContain(label);
  for (const value of values) {
    // pdftotext may give a value's Latin run and its kana run (two fonts) in either order ("11-アイウ" →
    // "アイウ 11-"); the rendered page has them in order (docs/forms/*.png). Each run must be there.
    if (flat(text).includes(flat(value))) continue;
    for (const run of flat(value).match(/[0-9A-Za-z-]+|[^0-9A-Za-z\- ]+/g) ?? [])
      expect(flat(text), value).toContain(run);
  }
}

function personValues(item: RecallItem): string[] {
  return [
    item.person.name,
    formatWareki(item.person.birthDate),
    item.issueNo,
    formatWareki(item.issuedOn),
    ...(item.expiresOn ? [formatWareki(item.expiresOn)] : []),
    ...(item.lossDate ? [formatWareki(item.lossDate)] : []),
  ];
}
const officeValuesOf = (enrolled: (typeof ENROLLED)[keyof typeof ENROLLED]) => [
  enrolled.事業所整理記号,
  enrolled.事業所番号,
  enrolled.郵便番号,
  enrolled.所在地,
  enrolled.事業所名称,
  TYPED.事業主氏名,
  TYPED.事業所の電話番号,
];

async function printAndCheck(page: Page, testInfo: TestInfo, name: string) {
  const printed = await print(page, testInfo, name);
  printed.pages.forEach((_, index) => {
    expect(
      marginsAreWhite(printed.pdfPath, index + 1, testInfo.outputPath(`${name}-${index + 1}`)),
      `page ${index + 1}`,
    ).toBe(0);
  });
  return printed;
}

function savePng(pdfPath: string, pageNo: number, file: string, testInfo: TestInfo) {
  const prefix = testInfo.outputPath(`png-${pageNo}`);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '70',
    '-f',
    String(pageNo),
    '-l',
    String(pageNo),
    '-singlefile',
    pdfPath,
    prefix,
  ]);
  copyFileSync(`${prefix}.png`, `docs/forms/${file}`);
}

for (const office of [
  { officeCode: 'DEMO-2', accessCode: 'demo-pass-2', kind: 'kyokai' as const },
  { officeCode: 'DEMO-1', accessCode: 'demo-pass-1', kind: 'kumiai' as const },
])
  test(`${office.officeCode} (${office.kind}): every form prints its fields inside the margins`, async ({
    page,
  }, testInfo) => {
    const credentials = { officeCode: office.officeCode, accessCode: office.accessCode };
    await signInThroughUi(page, credentials);
    await demoListCards(page).first().click();
    await expect(page.locator('li.item').first()).toBeVisible();
    const lost = await markOne(page, 'unreturnable');
    const back = await markOne(page, 'returned');
    const lostItem = (await serverItem(page.request, lost, credentials)) as RecallItem;
    const backItem = (await serverItem(page.request, back, credentials)) as RecallItem;

    await page.getByRole('link', { name: '報告書' }).click();
    await page.getByRole('link', { name: /^提出書類/ }).click();
    await expect(page.getByRole('heading', { name: '提出書類' })).toBeVisible();
    const enrolled = ENROLLED[office.officeCode as keyof typeof ENROLLED];
    const officeValues = officeValuesOf(enrolled);
    await fillProfile(page, enrolled);
    await page.getByLabel(`${lostItem.person.name} の高齢受給者証あり`).check();
    // The 被保険者's 住所・電話: typed at the 協会けんぽ office; at the 組合 the household is under DV protection.
    const editor = page
      .locator('.contact-editor')
      .filter({ hasText: lostItem.person.insuredName.replace(/\u3000/g, ' ') })
      .first();
    const dv = office.kind === 'kumiai';
    if (dv) await editor.getByLabel('DV等の支援措置の対象（住所を表示・印字しない）').check();
    else await editor.getByLabel('被保険者の住所').fill(CONTACT.address);
    await expect(editor.getByLabel('被保険者の住所')).toHaveCount(dv ? 0 : 1);
    await editor.getByLabel('被保険者の電話番号').fill(CONTACT.phone);
    await editor.getByRole('button', { name: /さんの連絡先を保存$/ }).click();
    await expect(editor.getByRole('status')).toHaveText('連絡先を保存しました。');
    await expectNoAxeViolations(page, 'official forms');

    const printed = await printAndCheck(page, testInfo, office.officeCode);
    const pageOf = (title: string, who: string) => {
      const index = printed.pages.findIndex((p) => p.includes(title) && flat(p).includes(flat(who)));
      expect(index, `${title} for ${who}`).toBeGreaterThanOrEqual(0);
      return index;
    };
    const uncollectableTitle =
      office.kind === 'kyokai'
        ? lostItem.documentKind === 'old_card'
          ? '健康保険被保険者証回収不能届'
          : '健康保険資格確認書回収不能届'
        : '資格確認書等回収不能届';
    const u = pageOf(uncollectableTitle, lostItem.person.name);
    expectFields(
      printed.pages[u] as string,
      office.kind === 'kyokai' ? KYOKAI_UNCOLLECTABLE_LABELS : KUMIAI_UNCOLLECTABLE_LABELS,
      [
        ...personValues(lostItem),
        lostItem.person.symbol,
        lostItem.person.number,
        '転居先不明',
        '有',
        CONTACT.phone,
        office.kind === 'kumiai' ? '（記載しません）' : CONTACT.address,
        ...officeValues,
      ],
    );
    if (office.kind === 'kumiai') expect(printed.pages.join('')).not.toContain('みなとみらい');
    savePng(printed.pdfPath, u + 1, `${office.kind}-uncollectable.png`, testInfo);

    if (office.kind === 'kyokai') {
      const a = pageOf('資格確認書等 添付一覧', backItem.person.name);
      expectFields(printed.pages[a] as string, KYOKAI_ATTACHMENT_LABELS, [
        backItem.person.name,
        backItem.issueNo,
        '1 枚',
        ...officeValues,
      ]);
      savePng(printed.pdfPath, a + 1, 'kyokai-attachment-list.png', testInfo);
    } else {
      const r = pageOf('資格確認書回収連絡書', backItem.person.name);
      expectFields(printed.pages[r] as string, KUMIAI_RETURN_NOTICE_LABELS, [
        backItem.person.name,
        `${backItem.person.symbol}・${backItem.person.number}・${backItem.person.branch}`,
        /令和\d+年\d+月分/.exec(printed.pages[r] as string)?.[0] ?? '令和?年?月分',
        ...officeValues,
      ]);
      savePng(printed.pdfPath, r + 1, 'kumiai-return-notice.png', testInfo);
    }
  });
