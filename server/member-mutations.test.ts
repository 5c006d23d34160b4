import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../src/api/schemas';
import { freshApp, type TestApp } from './testing/fresh-app';

let t: TestApp;
let tokenA: string;
let memberA: string;
let memberB: string;

beforeAll(async () => {
  t = await freshApp();
  tokenA = (await t.signIn('DEMO-1')).token;
  memberA = (await t.pullAll(tokenA)).items[0]?.memberId as string;
  memberB = (await t.pullAll((await t.signIn('DEMO-2')).token)).items[0]?.memberId as string;
});
afterAll(() => t.db.close());

const languageSet = (memberId: string, language: 'vi' | 'ur'): Mutation => ({
  id: randomUUID(),
  type: 'member.language_set',
  at: '2026-11-23T01:00:00.000Z',
  payload: { memberId, language },
});
const delivered = (memberId: string): Mutation => ({
  id: randomUUID(),
  type: 'notice.delivered',
  at: '2026-11-23T01:00:00.000Z',
  payload: { memberId, noticeKey: 'return_got_myna', language: 'vi', channel: 'print' },
});

describe('member mutations', () => {
  it("stores a member's notice language once, however often it is sent", async () => {
    const m = languageSet(memberA, 'vi');
    expect((await t.push(tokenA, [m])).results).toEqual([{ id: m.id, status: 'applied' }]);
    expect((await t.push(tokenA, [m])).results).toEqual([{ id: m.id, status: 'duplicate' }]);
    const row = await t.db.query<{ preferred_lang: string }>('select preferred_lang from members where id = $1', [
      memberA,
    ]);
    expect(row.rows[0]?.preferred_lang).toBe('vi');
  });

  it("sends a member's new language to other tablets with the member's items", async () => {
    const before = (await t.pullAll(tokenA)).pages.at(-1)?.cursor ?? '0';
    await t.push(tokenA, [languageSet(memberA, 'ur')]);
    const page = await t.pull(tokenA, `?cursor=${before}`);
    const items = page.items.filter((item) => item.memberId === memberA);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.preferredLanguage === 'ur')).toBe(true);
    expect(page.items.every((item) => item.memberId === memberA)).toBe(true);
  });

  it('records a notice delivery exactly once', async () => {
    const m = delivered(memberA);
    await t.push(tokenA, [m]);
    await t.push(tokenA, [m]);
    const rows = await t.db.query('select * from notice_deliveries where id = $1', [m.id]);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({
      member_id: memberA,
      notice_key: 'return_got_myna',
      language: 'vi',
      channel: 'print',
    });
  });

  it("refuses another office's member and changes nothing there", async () => {
    const before = await t.db.query<{ preferred_lang: string }>('select preferred_lang from members where id = $1', [
      memberB,
    ]);
    const [setResult, deliveryResult] = (await t.push(tokenA, [languageSet(memberB, 'ur'), delivered(memberB)]))
      .results;
    expect(setResult).toMatchObject({ status: 'rejected', reason: 'member_not_found' });
    expect(deliveryResult).toMatchObject({ status: 'rejected', reason: 'member_not_found' });
    const after = await t.db.query<{ preferred_lang: string }>('select preferred_lang from members where id = $1', [
      memberB,
    ]);
    expect(after.rows).toEqual(before.rows);
    expect((await t.db.query('select 1 from notice_deliveries where member_id = $1', [memberB])).rows).toHaveLength(0);
  });

  it('rejects an unknown notice language with a 400 problem', async () => {
    const bad = { ...languageSet(memberA, 'vi'), payload: { memberId: memberA, language: 'xx' } };
    const res = await t.app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokenA}` },
      body: JSON.stringify({ deviceId: randomUUID(), mutations: [bad] }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
