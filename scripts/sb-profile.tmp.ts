import { heapAfterGc, markCollected, openWithMembers, timeInPage } from './bench-helpers/ten-thousand-members';

const app = await openWithMembers(10_000);
const { page } = app;
try {
  await markCollected(app, { returned: 7000, unreturnable: 2000 });
  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '報告書' }).click();
  const LINK = '提出書類（回収不能届・添付一覧・回収連絡書）を印刷する';
  await page.getByRole('link', { name: LINK }).waitFor();
  await page.waitForTimeout(1000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const r = await timeInPage(
    page,
    `[...document.querySelectorAll('a')].find((a) => a.textContent.trim() === ${JSON.stringify(LINK)}).click()`,
    `document.querySelector('.official-forms [role="status"]') && document.querySelector('[data-testid="official-form"] .elderly-toggle input')`,
  );
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: {
      nodes: {
        id: number;
        callFrame: { functionName: string; url: string; lineNumber: number };
        hitCount: number;
        children?: number[];
      }[];
      samples: number[];
      timeDeltas: number[];
    };
  };
  console.log('open', r);
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log(
    [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, v]) => `${v.toFixed(0)} ms  ${k}`)
      .join('\n'),
  );
  console.log('heap', await heapAfterGc(page));
} finally {
  await app.close();
}
