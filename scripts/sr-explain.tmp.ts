import { randomUUID } from 'node:crypto';
import { openTestDatabase } from '/work/wt/server-robust/server/testing/test-database';
import { pushMutations } from '/work/wt/server-robust/server/sync/push';
const db = await openTestDatabase();
const item = (await db.query<{ id: string; office_id: string }>(`select id, office_id from recall_items where office_id='office-demo-1' and status='to_collect' limit 1`)).rows[0]!;
const session = { officeId: item.office_id, sessionRef: 'x'.repeat(64) };
const base = Date.parse('2026-11-20T00:00:00Z');
const dev = randomUUID();
let n = 0;
for (let round = 0; round < 100; round++) {
  const ms = Array.from({ length: 100 }, () => { const at = new Date(base + (n++) * 1000).toISOString(); return n % 2 ? { id: randomUUID(), type: 'item.returned' as const, at, payload: { itemId: item.id, returnedAt: at, method: 'hand' as const } } : { id: randomUUID(), type: 'item.reopened' as const, at, payload: { itemId: item.id } }; });
  const t0 = performance.now();
  await pushMutations(db, session, dev, ms);
  console.log(n, ((performance.now() - t0)  / 100).toFixed(2), 'ms/change');
}
const at = new Date(base + n * 1000).toISOString();
for (const q of [
  `explain select state_after from applied_mutations where office_id = $1 and item_id = $2 and status = 'applied' and payload is not null and (at, mutation_id) < ($3::timestamptz, $4::uuid) order by at desc, mutation_id desc limit 1`,
  `explain select mutation_id from applied_mutations where office_id = $1 and item_id = $2 and status = 'applied' and payload is not null and (at, mutation_id) > ($3::timestamptz, $4::uuid) order by at, mutation_id`,
]) console.log((await db.query(q, [item.office_id, item.id, at, randomUUID()])).rows.map((r) => Object.values(r)[0]).join('\n'));
await db.close();
