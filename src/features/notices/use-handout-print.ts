import { useCallback, useEffect, useRef, useState } from 'react';
import type { Handout } from './print-handouts';

/** Handouts rendered per step: about a frame's work on a tablet, so the progress keeps moving. */
export const HANDOUT_CHUNK = 200;
/**
 * A print of up to this many stays on the page after the print dialog closes, so the browser's own
 * print command prints it again; a larger one is dropped to give its memory back.
 */
export const KEEP_AFTER_PRINT = HANDOUT_CHUNK;

type PrintJob = { memberIds: string[]; chunks: Handout[][]; done: number; printed: boolean };

/**
 * A print of many bilingual handouts: they are rendered in chunks, one per task, with the count done
 * shown between them (10,000 handouts in one render froze the tablet for minutes), then
 * `window.print()` once all are on the page. `makeHandout` is read when each chunk is made, so it
 * always sees the notices loaded by then.
 */
export function useHandoutPrint(makeHandout: (memberId: string) => Handout | null) {
  const [job, setJob] = useState<PrintJob | null>(null);
  const make = useRef(makeHandout);
  make.current = makeHandout;

  useEffect(() => {
    if (!job || job.printed) return;
    const timer = setTimeout(() => {
      if (job.done < job.memberIds.length) {
        const next = job.memberIds.slice(job.done, job.done + HANDOUT_CHUNK);
        const chunk = next.flatMap((memberId) => make.current(memberId) ?? []);
        setJob({
          ...job,
          chunks: chunk.length > 0 ? [...job.chunks, chunk] : job.chunks,
          done: job.done + next.length,
        });
        return;
      }
      // window.print() returns when the print dialog closes.
      window.print();
      setJob(job.memberIds.length > KEEP_AFTER_PRINT ? null : { ...job, printed: true });
    }, 0);
    return () => clearTimeout(timer);
  }, [job]);

  const start = useCallback((memberIds: string[]) => {
    if (memberIds.length > 0) setJob({ memberIds, chunks: [], done: 0, printed: false });
  }, []);
  const cancel = useCallback(() => setJob(null), []);

  return {
    chunks: job?.chunks ?? [],
    /** Handouts made so far and in all, while a print is being prepared. */
    progress: job && !job.printed ? { done: job.done, total: job.memberIds.length } : null,
    start,
    cancel,
  };
}
