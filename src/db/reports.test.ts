import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleItem } from '../../tests/fixtures/sample-item';
import { unlocked } from '../../tests/fixtures/unlocked';
import { buildReport } from '../domain/reports/build-report';
import { RecallDb, setMeta } from './db';
import { markReturned, reopen } from './item-changes';
import { applyReportAnswers, noteReportAnswer } from './report-answers';
import { deleteDraft, liveReportOf, reportedItemIds, saveDraft, submitReport } from './reports';
import { purgeExpired } from './retention-purge';

let database: RecallDb;
let key: Uint8Array;
const parties = {
  office: { code: 'DEMO-1', name: '本社' },
  insurer: { name: 'MBK 連合健康保険組合', number: '06139999' },
  clerk: { name: '佐藤 花子', phone: '03-1234-5678' },
};

async function draftOf(ids: string[]) {
  const items = await database.items.bulkGet(ids);
  const result = buildReport({
    ...parties,
    form: 'return_notice',
    scope: { kind: 'list', listId: 'list-1' },
    items: items.flatMap((i) => (i ? [i] : [])),
    reportedItemIds: await reportedItemIds(database),
  });
  if (!result.ok) throw new Error(result.reason);
  return saveDraft(database, result.report, 'リスト');
}

beforeEach(async () => {
  key = crypto.getRandomValues(new Uint8Array(32));
  database = unlocked(new RecallDb(`reports-${crypto.randomUUID()}`), key);
  await database.items.bulkAdd([sampleItem('a'), sampleItem('b'), sampleItem('c')]);
  await setMeta('clerk', parties.clerk, database);
  for (const id of ['a', 'b']) await markReturned(database, id, 'hand', new Date('2026-11-20T03:00:00Z'));
});
afterEach(async () => {
  await database.delete();
});

describe('reports on the tablet', () => {
  it('keeps the personal snapshot only in rows, and indexes no personal field', async () => {
    const id = await draftOf(['a', 'b']);
    const stored = await database.reports.get(id);
    const { rows, ...rest } = stored as NonNullable<typeof stored>;
    expect(rows.map((r) => r.name)).toEqual(['髙橋 一郎', '髙橋 一郎']);
    expect(JSON.stringify(rest)).not.toContain('髙橋');
    expect(JSON.stringify(rest)).not.toContain('1980-04-01');
    expect(database.reports.schema.indexes.map((i) => i.name).sort()).toEqual(['createdAt', 'status']);
  });

  it('encrypts the rows at rest: the raw record holds no name', async () => {
    const id = await draftOf(['a', 'b']);
    const raw = await new Promise<unknown>((resolve, reject) => {
      const open = indexedDB.open(database.name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const request = open.result.transaction('reports').objectStore('reports').get(id);
        request.onsuccess = () => {
          open.result.close();
          resolve(request.result);
        };
      };
    });
    expect(JSON.stringify(raw)).not.toContain('髙橋');
    expect(JSON.stringify(raw)).toContain(id);
  });

  it('submits a draft through the outbox in one step, with its exact items and the clerk', async () => {
    const id = await draftOf(['a', 'b']);
    expect(await submitReport(database, id)).toEqual({ ok: true });
    const [entry] = await database.outbox
      .where('status')
      .equals('pending')
      .toArray()
      .then((all) => all.filter((e) => e.mutation.type === 'report.submitted'));
    expect(entry?.mutation.type === 'report.submitted' && entry.mutation.payload).toMatchObject({
      reportId: id,
      form: 'return_notice',
      itemIds: ['a', 'b'],
      clerk: parties.clerk,
    });
    expect((await database.reports.get(id))?.status).toBe('submitted');
    expect(await submitReport(database, id)).toEqual({ ok: false, reason: 'not_draft' });
    const { createdOn } = (await database.reports.get(id)) as { createdOn: string };
    expect(await liveReportOf(database, 'a')).toEqual({ form: 'return_notice', createdOn });
    expect(await liveReportOf(database, 'c')).toBeUndefined();
    // An item in a submitted report goes in no other report.
    await expect(draftOf(['a', 'b'])).rejects.toThrow('all_reported');
  });

  it("knows an item in another tablet's report by its mark: in no report here, sent by no draft", async () => {
    const id = await draftOf(['a', 'b']);
    // A pull brings b's mark: another tablet of the office reported it (12:00 on 21 Nov in Japan).
    const mark = {
      reportId: crypto.randomUUID(),
      form: 'return_notice' as const,
      createdAt: '2026-11-21T03:00:00.000Z',
    };
    await database.items.update('b', { inReport: mark });
    expect(await liveReportOf(database, 'b')).toEqual({ form: 'return_notice', createdOn: '2026-11-21' });
    expect(await submitReport(database, id)).toEqual({ ok: false, reason: 'stale', itemIds: ['b'] });
    expect(await database.outbox.where('status').equals('pending').count()).toBe(2);
    await deleteDraft(database, id);
    const again = await database.reports.get(await draftOf(['a', 'b']));
    expect(again?.itemIds).toEqual(['a']);
  });

  it('refuses to send a draft whose items changed since it was built', async () => {
    const id = await draftOf(['a', 'b']);
    await reopen(database, 'b');
    expect(await submitReport(database, id)).toEqual({ ok: false, reason: 'stale', itemIds: ['b'] });
    expect((await database.reports.get(id))?.status).toBe('draft');
    await deleteDraft(database, id);
    expect(await database.reports.get(id)).toBeUndefined();
  });

  it('the insurer answer makes it received, or rejected with the reason', async () => {
    const id = await draftOf(['a']);
    await submitReport(database, id);
    const entry = (await database.outbox.toArray()).find((e) => e.mutation.type === 'report.submitted');
    if (entry?.mutation.type !== 'report.submitted') throw new Error('no report in outbox');
    await noteReportAnswer(database, entry.mutation, {
      id: entry.id,
      status: 'rejected',
      reason: 'report_item_reported',
    });
    expect(await database.reports.get(id)).toMatchObject({ status: 'rejected', rejection: 'report_item_reported' });
    await noteReportAnswer(database, entry.mutation, { id: entry.id, status: 'duplicate' });
    expect((await database.reports.get(id))?.status).toBe('received');
  });

  it('an answer that comes while locked (or in the service worker) waits for the next unlock', async () => {
    const id = await draftOf(['a']);
    await submitReport(database, id);
    const entry = (await database.outbox.toArray()).find((e) => e.mutation.type === 'report.submitted');
    if (entry?.mutation.type !== 'report.submitted') throw new Error('no report in outbox');
    database.dataKey.clear();
    await noteReportAnswer(database, entry.mutation, { id: entry.id, status: 'applied' });
    expect(await applyReportAnswers(database)).toBe(0);
    unlocked(database, key);
    expect((await database.reports.get(id))?.status).toBe('submitted');
    expect(await applyReportAnswers(database)).toBe(1);
    expect((await database.reports.get(id))?.status).toBe('received');
    expect(await applyReportAnswers(database)).toBe(0);
  });

  it('purges reported, synced items after the retention period, keeping unsent ones', async () => {
    const id = await draftOf(['a', 'b']);
    await submitReport(database, id, new Date('2026-11-21T00:00:00Z'));
    await database.reports.update(id, { status: 'received' });
    // 'a' has synced; 'b' still has its tick waiting in the outbox.
    await database.outbox.where('itemId').equals('a').delete();
    expect(await purgeExpired(database, new Date('2026-12-01T00:00:00Z'))).toEqual({ items: 0, reports: 0 });
    expect(await purgeExpired(database, new Date('2026-12-22T00:00:00Z'))).toEqual({ items: 1, reports: 1 });
    expect(await database.items.get('a')).toBeUndefined();
    expect(await database.history.where('itemId').equals('a').count()).toBe(0);
    expect(await database.items.get('b')).toBeDefined();
    expect(await database.items.get('c')).toBeDefined();
    expect(await database.reports.get(id)).toMatchObject({ rows: [], rowsPurged: true, total: 2 });
  });

  it('does not purge while locked (reading the records needs the key) and does once unlocked', async () => {
    const id = await draftOf(['a']);
    await submitReport(database, id, new Date('2026-11-21T00:00:00Z'));
    await database.reports.update(id, { status: 'received' });
    await database.outbox.where('itemId').equals('a').delete();
    database.dataKey.clear();
    expect(await purgeExpired(database, new Date('2026-12-22T00:00:00Z'))).toEqual({ items: 0, reports: 0 });
    unlocked(database, key);
    expect(await purgeExpired(database, new Date('2026-12-22T00:00:00Z'))).toEqual({ items: 1, reports: 1 });
  });
});
