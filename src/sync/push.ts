import { type ApiClient, ApiError } from '../api/client';
import { PUSH_BATCH_MAX } from '../api/limits';
import type { MutationResult } from '../api/schemas';
import type { OutboxEntry, RecallDb } from '../db/db';
import { pendingOutbox } from '../db/outbox';
import { noteReportAnswer } from '../db/report-answers';
import { withPersonalData } from './outbox-personal';

/** Mutations per request: the most the server takes in one push (PUSH_BATCH_MAX). */
export const PUSH_BATCH = PUSH_BATCH_MAX;
/**
 * Entries read from the outbox at once, ahead of the request before: one request's worth. Read by
 * primary key after the last one read, a read costs what it returns, so reading one batch while the
 * one before is on its way spreads IndexedDB's work evenly over the requests; a read of four batches
 * queued the writes of the answers behind it and held up the next request (docs/decisions/036).
 */
export const OUTBOX_READ_CHUNK = PUSH_BATCH;
/**
 * Tries of one mutation, sent alone, that the server answered 500 before it is set aside for the
 * clerk (reason `server_error`) so the rest of the outbox flows. 502, 503, 504 and network errors
 * never count: they are about the server or the way there, not about the mutation.
 */
export const SERVER_ERROR_TRIES = 3;

/** Entries read to send, and where the read stopped. */
type Chunk = { entries: OutboxEntry[]; more: boolean; lastSeq: number };

export type PushSummary = { sent: number; applied: number; duplicate: number; rejected: number };

/** The server refused the request as a whole: one mutation in it it cannot read, or a body too big. */
const refusesBatch = (error: unknown) =>
  error instanceof ApiError && (error.status === 400 || error.status === 413 || error.status === 422);

/** The server failed on something in the request (it did not say it is unavailable). */
const failsOnBatch = (error: unknown) => error instanceof ApiError && (error.status === 500 || error.status === 501);

/**
 * Sends the outbox in order, in batches. Applied and duplicate (already applied earlier: the answer
 * to a response lost on the way back) both mean done; a rejected mutation is kept aside with its
 * reason for the clerk and never blocks the ones after it. A network error, 502, 503 or 504 throws,
 * leaving the outbox as it was, so the whole batch is simply sent again later (the server answers
 * `duplicate` for what it already has). A 500 is halved like a refused batch: one mutation may make
 * the server fail; sent alone, it is tried SERVER_ERROR_TRIES times and then set aside
 * (`server_error`) so that it never holds the others back.
 */
export async function pushOutbox(
  database: RecallDb,
  api: ApiClient,
  deviceId: string,
  /** Mutations per request and entries per outbox read (smaller in tests, to cross chunk boundaries). */
  sizes: { batch: number; chunk: number } = { batch: PUSH_BATCH, chunk: OUTBOX_READ_CHUNK },
): Promise<PushSummary> {
  const { batch: batchSize, chunk: chunkSize } = sizes;
  const summary: PushSummary = { sent: 0, applied: 0, duplicate: 0, rejected: 0 };

  // A batch the server refuses as a whole (a mutation it cannot read) is halved until the one
  // mutation it refuses is alone; that one is set aside as rejected and the others go through.
  async function send(batch: OutboxEntry[]): Promise<MutationResult[]> {
    try {
      return (
        await api.push(
          deviceId,
          batch.map((entry) => entry.mutation),
        )
      ).results;
    } catch (error) {
      if (failsOnBatch(error)) return splitAfterServerError(batch, error as ApiError);
      if (!refusesBatch(error)) throw error;
      const [only] = batch;
      if (batch.length === 1 && only) return [{ id: only.id, status: 'rejected', reason: (error as ApiError).code }];
      const half = Math.ceil(batch.length / 2);
      return [...(await send(batch.slice(0, half))), ...(await send(batch.slice(half)))];
    }
  }

  // Answers for the mutations the server did not fail on; the one it fails on alone counts a try
  // and stays pending (no answer) until its tries are used up.
  async function splitAfterServerError(batch: OutboxEntry[], error: ApiError): Promise<MutationResult[]> {
    const [only] = batch;
    if (batch.length === 1 && only) {
      const tries = (only.serverErrors ?? 0) + 1;
      if (tries >= SERVER_ERROR_TRIES) return [{ id: only.id, status: 'rejected', reason: 'server_error' }];
      await database.outbox.update(only.seq as number, { serverErrors: tries });
      return [];
    }
    const half = Math.ceil(batch.length / 2);
    const answered = [...(await send(batch.slice(0, half))), ...(await send(batch.slice(half)))];
    // Not one answer: the server fails on everything, so stop here and let the backoff retry.
    if (answered.length === 0) throw error;
    return answered;
  }

  // What the server answered, written in one transaction with bulk writes. Runs while the next batch
  // is on its way (its entries are others), so the outbox write never waits for the network nor the
  // network for it; it is awaited before the next one starts and before this function returns.
  async function record(batch: OutboxEntry[], results: MutationResult[]): Promise<void> {
    const byId = new Map(results.map((result) => [result.id, result]));
    const done: number[] = [];
    const changes: { key: number; changes: Partial<OutboxEntry> }[] = [];
    const reports: [OutboxEntry, MutationResult][] = [];
    for (const entry of batch) {
      const result = byId.get(entry.id);
      // A report's status follows the insurer's answer: received, or rejected with the reason.
      if (result && entry.mutation.type === 'report.submitted') reports.push([entry, result]);
      if (!result) {
        changes.push({ key: entry.seq as number, changes: { attempts: entry.attempts + 1 } });
      } else if (result.status === 'rejected') {
        changes.push({
          key: entry.seq as number,
          changes: { status: 'rejected', reason: result.reason ?? 'rejected', attempts: entry.attempts + 1 },
        });
      } else {
        done.push(entry.seq as number);
      }
    }
    const write = async () => {
      for (const [entry, result] of reports) {
        if (entry.mutation.type === 'report.submitted') await noteReportAnswer(database, entry.mutation, result);
      }
      if (changes.length > 0) await database.outbox.bulkUpdate(changes);
      const [first] = done;
      const last = done[done.length - 1];
      if (first === undefined || last === undefined) return;
      // When the batch's done entries are all the outbox holds from the first to the last (the usual
      // case: no refused or retried entry among them, later changes have higher keys), they go in one
      // range delete: one IndexedDB request instead of one per entry, which also left the next
      // request's reads queued behind 500 deletes (docs/decisions/036).
      const span = database.outbox.where('seq').between(first, last, true, true);
      if ((await span.count()) === done.length) await span.delete();
      else await database.outbox.bulkDelete(done);
    };
    // Only the outbox unless a report's answer is noted: the next request reads its token from meta,
    // and a write transaction over meta would hold that read (and so the request) until it commits,
    // undoing the overlap of this write with the next batch (docs/decisions/034).
    await (reports.length > 0
      ? database.transaction('rw', [database.outbox, database.reports, database.meta], write)
      : database.transaction('rw', database.outbox, write));
  }

  // The next entries to send: from the start of the outbox (`after` null) through the status index,
  // so entries set aside as rejected at its head are not read; after a key, one range read of the
  // primary key (no index lookup per entry), the rejected ones dropped here. Stops before an HR event
  // whose personal data cannot be read (locked): what follows waits for it. `more`: entries may follow.
  async function readChunk(after: number | null, limit: number): Promise<Chunk> {
    const rows =
      after === null
        ? await pendingOutbox(database, limit)
        : await database.outbox.where('seq').above(after).limit(limit).toArray();
    const pending = rows.filter((entry) => entry.status === 'pending');
    const entries = await withPersonalData(database, pending);
    const lastSeq = (rows[rows.length - 1]?.seq as number | undefined) ?? after ?? 0;
    return { entries, more: rows.length === limit && entries.length === pending.length, lastSeq };
  }

  let recording: Promise<void> = Promise.resolve();
  let ahead: Promise<Chunk> | null = null;
  // The answers last received, written once the next request is on its way: its token read then
  // goes to IndexedDB before the write, not after it (docs/decisions/036).
  let unwritten: (() => void) | null = null;
  const writeAnswers = () => {
    const write = unwritten;
    unwritten = null;
    write?.();
  };
  try {
    for (;;) {
      // Batches go out in outbox order, one request at a time: the server applies an office's pushes
      // one after another anyway (its change lock), and order matters (a tick on an item an HR event
      // makes must not overtake the event). Reading from the start of the outbox, the answers
      // already received are written first, so no entry is read (and sent) again; the first read
      // is one batch, so the first request leaves at once. A chunk read ahead holds only entries
      // after the ones in hand, which no write of this round touches, so it is read while the
      // chunk before goes out and sent as soon as that is done (docs/decisions/034, 036).
      if (!ahead) {
        writeAnswers();
        await recording;
      }
      const chunk = await (ahead ?? readChunk(null, batchSize));
      ahead = null;
      if (chunk.entries.length === 0) {
        // Only rejected entries in a chunk read ahead: read on after them.
        if (!chunk.more) return summary;
        ahead = readChunk(chunk.lastSeq, chunkSize);
        continue;
      }
      const { entries } = chunk;
      for (let start = 0; start < entries.length; start += batchSize) {
        const batch = entries.slice(start, start + batchSize);
        const answer = send(batch);
        writeAnswers();
        // Once this chunk's first request is on its way, the next chunk is read.
        if (start === 0 && chunk.more) {
          ahead = readChunk(chunk.lastSeq, chunkSize);
          // Awaited below or dropped when the round stops early; never an unhandled rejection.
          ahead.catch(() => {});
        }
        const results = await answer;
        // One write at most in flight, in the order of the answers.
        await recording;
        unwritten = () => {
          recording = record(batch, results);
        };
        summary.sent += batch.length;
        for (const result of results) summary[result.status] += 1;
        const ids = new Set(results.map((result) => result.id));
        // A server that answered for none of the batch would loop forever; stop and try again later.
        if (!batch.some((entry) => ids.has(entry.id))) return summary;
        // An entry left unanswered (a server error it gets another try for) goes before the ones after
        // it: read again from the start of the outbox.
        if (batch.some((entry) => !ids.has(entry.id))) {
          ahead = null;
          break;
        }
      }
    }
  } finally {
    writeAnswers();
    await recording;
  }
}
