import { filingDueDate } from './due-dates';
import type { DocumentKind, HrEvent, InsurerKind, RecallReason, Relation } from './recall';
import { isCollected, type RecallRoute, routeFor } from './recall-route';
import { shiftDays } from './working-days';

/**
 * HR events the office records on the tablet (issue 14), turned into the documents it must collect.
 *
 * 資格喪失の時期 (健康保険法36条): the day after 退職 or death; on the 75th birthday (高齢者の医療の確保に関する法律
 * 52条: 後期高齢者医療 from that day). A dependant stops being one on the day the clerk gives (the
 * 異動年月日 of the 被扶養者異動届). A name change loses nothing: the certificate printed with the old name
 * goes back with the 氏名変更届 (seed 000 「届出（喪失届や氏名変更届等）については回収が必要」).
 */
export function lossDateFor(event: HrEvent, eventDate: string): string {
  return event === 'retired' || event === 'died' ? shiftDays(eventDate, 1) : eventDate;
}

/** The 75th birthday: the day 後期高齢者医療 starts. */
export function seventyFifthBirthday(birthDate: string): string {
  const [y, m, d] = birthDate.split('-');
  const candidate = `${String(Number(y) + 75).padStart(4, '0')}-${m}-${d}`;
  // Born on 29 February: the 75th birthday of a non-leap year is 1 March (年齢計算ニ関スル法律 counts to 28 Feb end).
  return m === '02' && d === '29' && !isLeap(Number(y) + 75) ? `${Number(y) + 75}-03-01` : candidate;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** One person of the household and what they hold, as the clerk confirms it on the form. */
export type HouseholdPerson = {
  memberId: string;
  relation: Relation;
  /** `none`: holds nothing to collect (a マイナ保険証 only). */
  holds: DocumentKind | 'none';
  expiresOn: string | null;
  voluntaryContinuation?: boolean;
};

export type PlannedDocument = {
  memberId: string;
  relation: Relation;
  documentKind: DocumentKind;
  reason: RecallReason;
  route: RecallRoute;
  lossDate: string;
  dueDate: string;
};

/**
 * Who an event touches: a 被保険者's 退職, death or 75歳到達 ends the whole household's cover, so every
 * certificate of the household is recalled with it (DOMAIN.md: 「When a 被保険者 leaves, every certificate
 * of the household (the dependants' too) becomes invalid」); a dependant's removal or a name change
 * touches that person only.
 */
export function touchedBy(
  event: HrEvent,
  subject: { memberId: string; relation: Relation },
  household: HouseholdPerson[],
) {
  const wholeHousehold = subject.relation === 'self' && (event === 'retired' || event === 'died' || event === 'age_75');
  return wholeHousehold ? household : household.filter((p) => p.memberId === subject.memberId);
}

/**
 * Every document the event touches, each with its route and the 届's due date. `collected` are the ones
 * the office must collect (they become recall items); `notCollected` are shown with their route so the
 * clerk can tell the member (an old card to destroy, an expired certificate).
 */
export function planHrEvent(input: {
  event: HrEvent;
  eventDate: string;
  subject: { memberId: string; relation: Relation };
  household: HouseholdPerson[];
  kind: InsurerKind;
  today: string;
}): { collected: PlannedDocument[]; notCollected: PlannedDocument[] } {
  const lossDate = lossDateFor(input.event, input.eventDate);
  const reason: RecallReason = input.event === 'name_changed' ? 'name_changed' : 'lost_eligibility';
  const dueDate = filingDueDate(lossDate);
  const planned = touchedBy(input.event, input.subject, input.household)
    .filter((p): p is HouseholdPerson & { holds: DocumentKind } => p.holds !== 'none')
    .map((p) => ({
      memberId: p.memberId,
      relation: p.relation,
      documentKind: p.holds,
      reason,
      lossDate,
      dueDate,
      // An HR event recorded now is past the old cards' window (its 喪失届 cannot have arrived by
      // 2025-12-01 unless the event is that old), so the arrival date is the filing's own: unknown.
      route: routeFor(
        {
          documentKind: p.holds,
          reason,
          lossDate,
          noticeArrivedOn: null,
          expiresOn: p.expiresOn,
          voluntaryContinuation: p.voluntaryContinuation ?? false,
          hrEvent: input.event,
        },
        input.kind,
        input.today,
      ),
    }));
  return {
    collected: planned.filter((d) => isCollected(d.route)),
    notCollected: planned.filter((d) => !isCollected(d.route)),
  };
}
