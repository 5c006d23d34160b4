/**
 * The list an office's own HR events go in: one per office and month, the same id on every tablet, so
 * two tablets recording events in the same month fill one list (docs/decisions/021). The office id in
 * it keeps ids of different offices apart in the insurer's one table of lists.
 */
export function officeListId(officeId: string, period: string): string {
  return `ol-${officeId}-${period}`;
}

export function officeListTitle(period: string): string {
  const [year, month] = period.split('-');
  return `${year}年${Number(month)}月 資格喪失・異動（事業所で登録）`;
}
