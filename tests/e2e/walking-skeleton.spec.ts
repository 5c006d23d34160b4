import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { demoListCards, serverItem, signInThroughUi, unlockThroughUi, waitForServiceWorker } from './helpers';

test('sign in, open a list, work offline across a reload, and the tick reaches the insurer', async ({
  page,
  context,
  request,
}) => {
  const cspErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });

  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expectNoAxeViolations(page, 'sign-in');

  await signInThroughUi(page);
  const firstList = demoListCards(page).first();
  await expect(firstList.getByTestId('count-to_collect')).not.toHaveText('0');
  await expectNoAxeViolations(page, 'lists');
  await waitForServiceWorker(page);

  await firstList.click();
  await expect(page).toHaveURL(/\/lists\/[^/]+$/);
  const listUrl = page.url();
  await expectNoAxeViolations(page, 'list');

  // Offline: the shell comes from the service worker, the data from IndexedDB.
  await context.setOffline(true);
  await page.reload();
  await expect(page).toHaveURL(listUrl);
  await unlockThroughUi(page);
  await expect(page.getByText('オフライン（変更はこの端末に保存されます）')).toBeVisible();
  const row = page.locator('li.item.to_collect').first();
  const itemId = await row.getAttribute('data-item-id');
  expect(itemId).toBeTruthy();
  await row.getByRole('button', { name: /を回収済にする$/ }).click();
  await expect(page.locator(`li[data-item-id="${itemId}"]`)).toHaveClass(/returned/);
  await expect(page.getByTestId('pending-count')).toHaveText('未送信の変更 1 件');
  await expectNoAxeViolations(page, 'list, offline, after a tick');

  await context.setOffline(false);
  await expect(page.getByTestId('pending-count')).toHaveText('未送信の変更はありません', { timeout: 20_000 });
  const onServer = await serverItem(request, itemId as string);
  expect(onServer?.status).toBe('returned');
  expect(onServer?.returnMethod).toBe('hand');

  expect(cspErrors).toEqual([]);
});

test('the app is installable: manifest in Japanese, icons, service worker', async ({ baseURL }, testInfo) => {
  // Chromium reports every incognito context as not installable, so this test uses a real profile.
  const profile = mkdtempSync(join(tmpdir(), 'recall-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...testInfo.project.use.launchOptions,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/sign-in');
    await waitForServiceWorker(page);
    const manifest = await (await page.request.get('/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({ lang: 'ja', name: '資格確認書 回収', display: 'standalone', start_url: '/' });
    expect(manifest.icons.some((icon: { purpose?: string }) => icon.purpose === 'maskable')).toBe(true);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

for (const [orientation, viewport] of [
  ['portrait', { width: 800, height: 1280 }],
  ['landscape', { width: 1280, height: 800 }],
] as const) {
  test(`the list fits a tablet in ${orientation} with 48px touch targets`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signInThroughUi(page, { officeCode: 'DEMO-2', accessCode: 'demo-pass-2' });
    await demoListCards(page).first().click();
    await expect(page.locator('li.item').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, a, select, input')]
        // A checkbox or radio is operated through its label: that is the touch target.
        .map((el) => ({
          what: el.outerHTML.slice(0, 80),
          box: (el instanceof HTMLInputElement && ['checkbox', 'radio', 'file'].includes(el.type)
            ? (el.closest('label') ?? el)
            : el
          ).getBoundingClientRect(),
        }))
        .filter(({ box }) => box.width > 0 && (box.height < 48 || box.width < 48))
        .map(({ what }) => what),
    );
    expect(small).toEqual([]);
  });
}

test('English switch changes the UI language and is remembered', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Language / 言語').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectNoAxeViolations(page, 'sign-in (English)');
});

test('before any script has run, the page already shows the app bar, then says it is loading', async ({ page }) => {
  // Scripts held back, as on a slow first visit: what paints comes from index.html and the stylesheet.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/assets/*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/sign-in', { waitUntil: 'commit' });
  await expect(page.locator('header.app-header .app-name')).toHaveText('資格確認書 回収');
  await expect(page.getByRole('status')).toHaveText('読み込み中…');
  await expectNoAxeViolations(page, 'app shell');
  release();
  // React replaces the shell with the sign-in page.
  await expect(page.getByRole('button', { name: 'サインイン' })).toBeVisible();
  await expect(page.getByText('読み込み中…')).toHaveCount(0);
  await expect(page.locator('header.app-header')).toHaveCount(1);
});
