import { median, percentile } from '../bench-helpers/percentiles';
import { heapAfterGc, openWithMembers, timeInPage } from '../bench-helpers/ten-thousand-members';

/**
 * The HR-event screen (/events/new) with a 10,000-member list, in Chromium against the real server and
 * the built app: opened from the lists page → search box painted, and → the first name typed the moment
 * the box is there answered (the screen reads and decrypts every item once to know the members), a
 * search keystroke → matches painted, and the JS heap after GC. Every time is taken inside the page.
 */
export const title = 'HR-event screen with 10,000 members (Chromium)';

const MEMBERS = 10_000;
const OPENS = 5;
const f = (value: number) => `${value.toFixed(0)} ms`;
const LINK = '異動を登録';

// Source text run in the page (see timeInPage): type into the search box as a clerk does.
const typeIn = (query: string) => `(() => {
  const input = document.querySelector('.hr-event input[type="search"]');
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  set.call(input, ${JSON.stringify(query)});
  input.dispatchEvent(new Event('input', { bubbles: true }));
})()`;
const matches = `document.querySelectorAll('.hr-matches li').length`;

export async function run(): Promise<string> {
  const app = await openWithMembers(MEMBERS);
  const { page } = app;
  const toListsPage = async () => {
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '回収リスト' }).click();
    await page.getByRole('link', { name: LINK }).waitFor();
    await page.waitForTimeout(300);
  };
  const openLink = `[...document.querySelectorAll('a')].find((a) => a.textContent.trim() === ${JSON.stringify(LINK)}).click()`;
  try {
    const boxes: number[] = [];
    const answers: number[] = [];
    const tasks: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      await toListsPage();
      const box = await timeInPage(page, openLink, `document.querySelector('.hr-event input[type="search"]')`);
      boxes.push(box.ms);
      await toListsPage();
      // The first name typed the moment the box is there, answered with matches.
      const answer = await timeInPage(
        page,
        `window.__typed = false; ${openLink}`,
        `(window.__typed || !document.querySelector('.hr-event input[type="search"]') || (${typeIn('たかはし')}, (window.__typed = true))) && ${matches} > 0`,
      );
      answers.push(answer.ms);
      tasks.push(answer.longestTask);
      console.log(
        `open ${i + 1}: box ${f(box.ms)}, first search answered ${f(answer.ms)}, longest task ${f(answer.longestTask)}`,
      );
    }

    const queries = [
      'た',
      'たか',
      'たかは',
      'たかはし',
      '',
      'さいとう',
      '髙橋 はなこ',
      '7001-1500',
      '2000004321',
      '',
      'よしの',
      '吉野',
      'ﾖｼﾉ',
      '',
    ];
    const keystrokes: number[] = [];
    for (const query of [...queries, ...queries]) {
      const { ms } = await timeInPage(
        page,
        typeIn(query),
        `document.querySelector('.hr-matches')?.dataset.query === ${JSON.stringify(query)}`,
      );
      keystrokes.push(ms);
    }
    await page.evaluate(typeIn('たかはし'));
    const heap = await heapAfterGc(page);

    return [
      `Demo office plus an imported list of ${MEMBERS.toLocaleString('en')} members; viewport 1280×800. The member search is built from every item, decrypted once per screen.`,
      '',
      '| figure | result | target |',
      '| --- | --- | --- |',
      `| open (lists page link → search box painted), median of ${OPENS} | ${f(median(boxes))} (p95 ${f(percentile(boxes, 95))}) | |`,
      `| open → a name typed the moment the box is there → matches painted (interactive), median of ${OPENS} | **${f(median(answers))}** (p95 ${f(percentile(answers, 95))}) | < 1 s |`,
      `| longest main-thread task in that, median | ${f(median(tasks))} | |`,
      `| search keystroke → matches painted, p95 of ${keystrokes.length} | ${f(percentile(keystrokes, 95))} (median ${f(median(keystrokes))}) | |`,
      `| JS heap, screen open with matches shown, after GC | **${heap.toFixed(1)} MB** | < 60 MB |`,
      '| select-all | no selection on this screen | |',
    ].join('\n');
  } catch (error) {
    await page.screenshot({ path: '/tmp/sb-hr-fail.png' }).catch(() => {});
    console.log(await page.evaluate(() => document.body.innerText.slice(0, 2000)).catch(() => ''));
    throw error;
  } finally {
    await app.close();
  }
}
