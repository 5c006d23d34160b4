import type { UnreturnableKind } from '../collection-status';
import type { ItemStatus } from '../recall';

/**
 * The papers the insurer asks for (seeds 000 and 001): the 資格確認書回収連絡書 enclosed with the
 * certificates that came back, and the 回収不能届 / 滅失届 for those that cannot come back.
 */
export const REPORT_FORMS = ['return_notice', 'uncollectable', 'lost'] as const;
export type ReportForm = (typeof REPORT_FORMS)[number];

export const REPORT_STATUSES = ['draft', 'submitted', 'received', 'rejected'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A report the insurer holds or will hold: its items are locked (reopening needs a correcting report). */
export const isLiveReport = (status: ReportStatus) => status === 'submitted' || status === 'received';

/** Which collection state an item must be in to go on a form. */
export function formFor(status: ItemStatus, unreturnableKind: UnreturnableKind | null): ReportForm | null {
  if (status === 'returned') return 'return_notice';
  if (status === 'unreturnable') return unreturnableKind === 'lost' ? 'lost' : 'uncollectable';
  return null;
}

export const FORM_TITLES: Readonly<Record<ReportForm, string>> = {
  return_notice: '資格確認書回収連絡書',
  uncollectable: '資格確認書等回収不能届',
  lost: '資格確認書等滅失届',
};
