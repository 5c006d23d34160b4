import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, PullResponse } from '../src/api/schemas';
import { createApp } from './app';
import { staffClient } from './insurer/staff-api';
import { freshApp, type TestApp } from './testing/fresh-app';

/**
 * The office profile on sign-in and pull, and the clerk's edits through the push (docs/decisions/024).
 * One database for the file (the machine is shared); the cases use different offices and fields.
 */
let t: TestApp;
beforeAll(async () => {
  t = await freshApp();
});
afterAll(async () => {
  await t.db.close();
});

const edit = (fields: Record<string, unknown>, at = '2026-11-23T01:00:00.000Z', id = randomUUID()) =>
  ({ id, type: 'office_profile.updated', at, payload: { fields } }) as Mutation;

async function rawPush(token: string, mutations: unknown[]) {
  return t.app.request('/api/v1/sync/push', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ deviceId: randomUUID(), mutations }),
  });
}

const editRows = async () =>
  (await t.db.query<{ n: string }>('select count(*)::text as n from office_profile_edits')).rows[0]?.n;

describe('office profile', () => {
  it('sign-in and a first sync carry the insurer’s enrolment of the office; an up-to-date pull does not repeat it', async () => {
    const session = await t.signIn('DEMO-2');
    expect(session.officeProfile).toEqual({
      insurer: {
        officeSymbol: '14-ヨコミ',
        officeNumber: '51273',
        name: '横浜みなと物流株式会社 本社営業所',
        address: '神奈川県横浜市中区新港二丁目1番1号',
      },
      edits: {},
    });
    const page = await t.pull(session.token, '?limit=1');
    expect(page.officeProfile).toEqual(session.officeProfile);
    // Unchanged since the tablet's cursor: not sent again (migration 019, docs/decisions/033).
    expect((await t.pull(session.token, `?cursor=${page.cursor}&limit=1`)).officeProfile).toBeUndefined();
    expect((await t.pull(session.token, '?cursor=999999999&limit=1')).officeProfile).toBeUndefined();
  });

  it('an edit reaches a tablet that is up to date with its next pull, once, and moves its cursor past it', async () => {
    const a = (await t.signIn('DEMO-3')).token;
    const b = (await t.signIn('DEMO-3')).token;
    const { pages } = await t.pullAll(b, 1000);
    const head = pages.at(-1)?.cursor as string;
    expect((await t.pull(b, `?cursor=${head}`)).officeProfile).toBeUndefined();

    expect((await t.push(a, [edit({ sharoushi: '港 社労士事務所' })])).results[0]?.status).toBe('applied');
    const next = await t.pull(b, `?cursor=${head}`);
    expect(next.officeProfile?.edits.sharoushi?.value).toBe('港 社労士事務所');
    expect(next.items).toEqual([]);
    expect(next.lists).toEqual([]);
    expect(next.hasMore).toBe(false);
    // The profile's version is the cursor now: the pull after it is empty again.
    expect(BigInt(next.cursor)).toBeGreaterThan(BigInt(head));
    expect((await t.pull(b, `?cursor=${next.cursor}`)).officeProfile).toBeUndefined();

    // An edit that changes nothing (an older one, outdone) is no change of the profile either.
    const older = edit({ sharoushi: '古い 事務所' }, '2026-01-01T00:00:00.000Z');
    expect((await t.push(a, [older])).results[0]?.status).toBe('applied');
    const after = await t.pull(b, `?cursor=${next.cursor}`);
    expect(after.officeProfile).toBeUndefined();
    expect(after.cursor).toBe(next.cursor);
  });

  it('an edit between a tablet’s pages comes in order with the items, and the cursor never skips a change', async () => {
    const a = (await t.signIn('DEMO-2')).token;
    const b = (await t.signIn('DEMO-2')).token;
    const { pages } = await t.pullAll(b, 1000);
    const head = pages.at(-1)?.cursor as string;
    const items = pages.flatMap((p) => p.items).filter((i) => i.status === 'to_collect' && !i.withdrawn && !i.inReport);
    const [first, second] = items;
    if (!first || !second) throw new Error('DEMO-2 needs two items to collect');
    const tick = (itemId: string, at: string): Mutation => ({
      id: randomUUID(),
      type: 'item.returned',
      at,
      payload: { itemId, returnedAt: at, method: 'hand' },
    });
    // An item change, then the profile, then another item change: three versions in that order.
    await t.push(a, [tick(first.id, '2026-11-24T01:00:00.000Z')]);
    await t.push(a, [edit({ phone: '045-000-0000' }, '2026-11-24T01:00:01.000Z')]);
    await t.push(a, [tick(second.id, '2026-11-24T01:00:02.000Z')]);
    // Pages of one change each: item, profile (no item), item.
    const one = await t.pull(b, `?cursor=${head}&limit=1`);
    expect(one.items.map((i) => i.id)).toEqual([first.id]);
    expect(one.officeProfile).toBeUndefined();
    expect(one.hasMore).toBe(true);
    const two = await t.pull(b, `?cursor=${one.cursor}&limit=1`);
    expect(two.items).toEqual([]);
    expect(two.officeProfile?.edits.phone?.value).toBe('045-000-0000');
    expect(two.hasMore).toBe(true);
    const three = await t.pull(b, `?cursor=${two.cursor}&limit=1`);
    expect(three.items.map((i) => i.id)).toEqual([second.id]);
    expect(three.officeProfile).toBeUndefined();
    expect(three.hasMore).toBe(false);
    // One page for all three carries the profile once, with both items.
    const all = await t.pull(b, `?cursor=${head}`);
    expect(all.items.map((i) => i.id)).toEqual([first.id, second.id]);
    expect(all.officeProfile?.edits.phone?.value).toBe('045-000-0000');
    expect(all.cursor).toBe(three.cursor);
  });

  it('what insurer staff enrol is what the office’s tablets get', async () => {
    const staff = staffClient(t.app);
    const staffToken = await staff.signIn('minato');
    const res = await staff.call('POST', '/offices', staffToken, {
      code: 'NEW-1',
      officeSymbol: '01-イロハ',
      officeNumber: '12345',
      name: '新規 株式会社',
      address: '東京都港区芝公園1-1-1',
    });
    expect(res.status).toBe(201);
    const { accessCode } = (await res.json()) as { accessCode: string };
    const session = await t.signIn('NEW-1', accessCode);
    expect(session.officeProfile?.insurer).toEqual({
      officeSymbol: '01-イロハ',
      officeNumber: '12345',
      name: '新規 株式会社',
      address: '東京都港区芝公園1-1-1',
    });
  });

  it('an edit pushed by one tablet reaches the office’s other tablets, field by field, the latest winning', async () => {
    const a = (await t.signIn('DEMO-1')).token;
    const b = (await t.signIn('DEMO-1')).token;
    const first = edit({ postalCode: '144-0042', ownerName: '桜 太郎' }, '2026-11-23T01:00:00.000Z');
    // B edited the owner's name later, offline, but its push arrives first.
    const later = edit({ ownerName: '桜 花子' }, '2026-11-23T02:00:00.000Z');
    expect((await t.push(b, [later])).results[0]?.status).toBe('applied');
    expect((await t.push(a, [first])).results[0]?.status).toBe('applied');
    const profile = (await t.pull(b, '?limit=1')).officeProfile as NonNullable<PullResponse['officeProfile']>;
    expect(profile.edits).toEqual({
      postalCode: { value: '144-0042', at: '2026-11-23T01:00:00.000Z' },
      ownerName: { value: '桜 花子', at: '2026-11-23T02:00:00.000Z' },
    });
    // The insurer's values are kept beside the edits, never overwritten by them.
    expect(profile.insurer.officeSymbol).toBe('1201');
    // A retry of the same edit is a duplicate and changes nothing.
    expect((await t.push(a, [first])).results[0]?.status).toBe('duplicate');
  });

  it('the same instant on two tablets ends with the same value in either order', async () => {
    const at = '2026-11-23T03:00:00.000Z';
    // Two offices get the same two edits in opposite orders.
    const one = (await t.signIn('DEMO-3')).token;
    await t.push(one, [edit({ phone: '044-111' }, at), edit({ phone: '044-999' }, at)]);
    const two = (await t.signIn('DEMO-1')).token;
    await t.push(two, [edit({ phone: '044-999' }, at), edit({ phone: '044-111' }, at)]);
    const mine = (await t.pull(one, '?limit=1')).officeProfile?.edits.phone;
    const theirs = (await t.pull(two, '?limit=1')).officeProfile?.edits.phone;
    expect(mine).toEqual(theirs);
    expect(mine?.value).toBe('044-999');
  });

  it.each([
    ['a NUL character', { address: 'a\u0000b' }],
    ['a lone surrogate', { ownerName: 'x\ud800y' }],
    ['a huge string', { address: 'あ'.repeat(201) }],
    ['a huge string in a short field', { postalCode: '1'.repeat(11) }],
    ['an unknown field', { officeCode: 'DEMO-2' }],
    ['no field at all', {}],
    ['a number', { phone: 45 }],
  ])('refuses %s with a 400 that names why, and stores nothing', async (_label, fields) => {
    const token = (await t.signIn('DEMO-1')).token;
    const before = await editRows();
    const res = await rawPush(token, [edit(fields)]);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors?: { path: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.length).toBeGreaterThan(0);
    expect(await editRows()).toBe(before);
  });

  it('never writes a profile value to the log', async () => {
    const lines: string[] = [];
    const app = createApp({
      db: t.db,
      now: () => t.clock.now,
      logger: { info: (l) => lines.push(l), error: (l) => lines.push(l) },
    });
    const signIn = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ officeCode: 'DEMO-2', accessCode: 'demo-pass-2' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    await app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ deviceId: randomUUID(), mutations: [edit({ ownerName: '港 一郎' })] }),
    });
    await app.request('/api/v1/sync/pull?limit=1', { headers: { Authorization: `Bearer ${token}` } });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain('港');
      expect(line).not.toContain('新港');
      expect(line).not.toContain('ヨコミ');
    }
  });
});
