import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InsurerValueMappings } from '../../src/api/insurer-schemas';
import type { Problem, ValueMappings } from '../../src/api/schemas';
import { freshApp, type TestApp } from '../testing/fresh-app';
import { staffClient } from './staff-api';

let t: TestApp;
let staff: ReturnType<typeof staffClient>;
let minato: string;
let kyokai: string;
beforeEach(async () => {
  t = await freshApp();
  staff = staffClient(t.app);
  minato = await staff.signIn('minato');
  kyokai = await staff.signIn('kyokai');
});
afterEach(async () => {
  await t.db.close();
});

const HEADER =
  '事業所コード,発行No.,記号,番号,枝番,氏名,フリガナ,生年月日,性別,本人家族,被保険者氏名,回収理由,資格喪失日,交付年月日,期限';
// 扶養はずれ and 組合員 are no wording the app knows (src/domain/csv/labels.ts): the insurer answers them once.
const ROW = (office: string) =>
  `${office},M-0001,1001,501,00,山田 一郎,ヤマダ イチロウ,1980/4/1,男,組合員,,扶養はずれ,2026/11/16,2025/12/2,`;
const postCsv = (office: string, token: string) =>
  t.app.request(`/api/v1/insurer/publish?period=2026-11&title=${encodeURIComponent('11月分')}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv; charset=utf-8', Authorization: `Bearer ${token}` },
    body: `${HEADER}\r\n${ROW(office)}\r\n`,
  });
const ANSWERS = {
  answers: [
    { field: 'reason', key: '扶養はずれ', value: 'lost_eligibility' },
    { field: 'relation', key: '組合員', value: 'self' },
  ],
};
const stored = async () => (await t.db.query('select insurer_id, field, key, value from insurer_value_mappings')).rows;

describe("the insurer's own wordings", () => {
  it('are refused row by row until answered once; then the same file publishes, with the answers', async () => {
    const refused = await postCsv('DEMO-1', minato);
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as Problem;
    expect(problem.errors?.map((e) => e.code).sort()).toEqual(['invalid_relation', 'unknown_reason']);

    const put = await staff.call('PUT', '/value-mappings', minato, ANSWERS);
    expect(put.status, await put.clone().text()).toBe(200);
    const mappings = (await put.json()) as InsurerValueMappings;
    expect(mappings.answers.map((a) => [a.field, a.key, a.value])).toEqual([
      ['reason', '扶養はずれ', 'lost_eligibility'],
      ['relation', '組合員', 'self'],
    ]);

    const published = await postCsv('DEMO-1', minato);
    expect(published.status, await published.clone().text()).toBe(201);
    const item = await t.db.query<{ reason: string; relation: string }>(
      `select i.reason, m.relation from recall_items i join members m on m.id = i.member_id
        where i.issue_no = 'M-0001'`,
    );
    expect(item.rows).toEqual([{ reason: 'lost_eligibility', relation: 'self' }]);

    // A later answer replaces the earlier one.
    const again = await staff.call('PUT', '/value-mappings', minato, {
      answers: [{ field: 'reason', key: '扶養はずれ', value: 'not_enrolled' }],
    });
    expect(((await again.json()) as InsurerValueMappings).answers.find((a) => a.field === 'reason')?.value).toBe(
      'not_enrolled',
    );
  });

  it("are the insurer's only: another insurer neither reads them nor publishes with them", async () => {
    expect((await staff.call('PUT', '/value-mappings', minato, ANSWERS)).status).toBe(200);
    const other = (await (await staff.call('GET', '/value-mappings', kyokai)).json()) as InsurerValueMappings;
    expect(other.answers).toEqual([]);
    expect((await postCsv('DEMO-2', kyokai)).status).toBe(422);
    // An office token is no staff token.
    const office = await t.signIn('DEMO-1');
    const asOffice = await t.app.request('/api/v1/insurer/value-mappings', {
      headers: { Authorization: `Bearer ${office.token}` },
    });
    expect(asOffice.status).toBe(401);
  });

  it("reach the insurer's offices' tablets as defaults, under the clerk's own answers", async () => {
    expect((await staff.call('PUT', '/value-mappings', minato, ANSWERS)).status).toBe(200);
    const demo1 = await t.signIn('DEMO-1');
    const push = await t.app.request('/api/v1/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${demo1.token}` },
      body: JSON.stringify({
        deviceId: randomUUID(),
        mutations: [
          {
            id: randomUUID(),
            type: 'value_mapping.set',
            at: '2026-11-30T02:00:00.000Z',
            payload: { answers: [{ field: 'reason', key: '扶養はずれ', value: 'not_enrolled' }] },
          },
        ],
      }),
    });
    expect(push.status, await push.clone().text()).toBe(200);
    const read = async (token: string) =>
      (
        (await (
          await t.app.request('/api/v1/value-mappings', { headers: { Authorization: `Bearer ${token}` } })
        ).json()) as ValueMappings
      ).answers.map((a) => [a.field, a.key, a.value]);
    expect(await read(demo1.token)).toEqual([
      ['reason', '扶養はずれ', 'not_enrolled'],
      ['relation', '組合員', 'self'],
    ]);
    // DEMO-2 belongs to the other insurer.
    expect(await read((await t.signIn('DEMO-2')).token)).toEqual([]);
  });

  it.each([
    ['a value the field does not have', { answers: [{ field: 'reason', key: 'x', value: 'self' }] }],
    ['an unknown field', { answers: [{ field: 'name', key: 'x', value: 'self' }] }],
    ['a NUL in the wording', { answers: [{ field: 'sex', key: 'a\u0000b', value: 'male' }] }],
    ['a lone surrogate', { answers: [{ field: 'sex', key: 'a\ud800', value: 'male' }] }],
    [
      'a wording twice',
      {
        answers: [
          { field: 'sex', key: 'x', value: 'male' },
          { field: 'sex', key: 'x', value: 'female' },
        ],
      },
    ],
    ['no answers', { answers: [] }],
    ['a wording of 201 characters', { answers: [{ field: 'sex', key: 'あ'.repeat(201), value: 'male' }] }],
  ])('refuses %s with a 400 and stores nothing', async (_name, body) => {
    const res = await staff.call('PUT', '/value-mappings', minato, body);
    expect(res.status).toBe(400);
    expect(await stored()).toEqual([]);
  });
});
