import { memo, type ReactNode } from 'react';
import { DOCUMENT_KIND_LABELS, RELATION_LABELS } from '../../domain/csv/labels';
import type { DocumentKind, Relation } from '../../domain/recall';
import type { Clerk } from '../../domain/reports/build-report';
import type { OfficeProfile } from '../../domain/reports/official-forms';
import { formatWareki } from '../../domain/wareki';

/**
 * The parts every printed sheet shares (the reports of ADR 009 and the official forms of ADR 022):
 * the head, the office block and the table of returned certificates. Styled by sheets.css, the one
 * print stylesheet of both. Always Japanese: the insurer reads them.
 */
export const label = (labels: readonly string[]) => labels[0] ?? '';
export const wareki = (iso: string | null | undefined) => (iso ? formatWareki(iso) : '');

/** A pair of label and value the insurer reads: one cell each, so pdftotext keeps them side by side. */
export function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{children}</td>
    </tr>
  );
}

/** Title, the insurer addressed (御中) and the labelled 提出日. */
export function SheetHead({ title, to, submittedOn }: { title: string; to: ReactNode; submittedOn: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="sheet-head">
        <p className="sheet-to">{to}</p>
        <p className="sheet-date">
          <span className="field-name">提出日</span> {formatWareki(submittedOn)}
        </p>
      </div>
    </>
  );
}

/**
 * The office as every form names it: 事業所 所在地・名称・事業主氏名・電話 (DOMAIN.md, "Two kinds of
 * insurer": the 協会けんぽ 回収不能届) and the 事業所整理記号・事業所番号 (issue 15). A report also names
 * the app's office code and the clerk who made it (ADR 009). Rows without a value are left out only
 * where the form does not ask for them (社会保険労務士, the clerk).
 */
export function OfficeBlock({
  office,
  officeCode,
  clerk,
}: {
  office: OfficeProfile;
  officeCode?: string;
  clerk?: Clerk | undefined;
}) {
  return (
    <table className="form-fields office" aria-label="事業所">
      <caption>事業所</caption>
      <tbody>
        <Field name="事業所整理記号">{office.officeSymbol}</Field>
        <Field name="事業所番号">{office.officeNumber}</Field>
        <Field name="事業所所在地">
          {office.postalCode ? `〒${office.postalCode} ` : ''}
          {office.address}
        </Field>
        <Field name="事業所名称">{office.name}</Field>
        <Field name="事業主氏名">
          {office.ownerTitle} {office.ownerName}
        </Field>
        <Field name="電話番号">{office.phone}</Field>
        {office.sharoushi && <Field name="社会保険労務士">{office.sharoushi}</Field>}
        {officeCode !== undefined && <Field name="事業所コード">{officeCode}</Field>}
        {clerk !== undefined && (
          <Field name="担当者">
            {clerk?.name ?? ''} {clerk?.phone ? `（電話 ${clerk.phone}）` : ''}
          </Field>
        )}
      </tbody>
    </table>
  );
}

export type ReturnRow = {
  itemId: string;
  relation: Relation;
  name: string;
  symbol: string;
  number: string;
  branch: string;
  documentKind: DocumentKind;
  returnedOn: string | null;
};

/** The certificates returned, one row each: the 回収連絡書 of a report and of a recall list. */
/** The cells of one row of the 回収連絡書 table. */
function ReturnCells({ row, index }: { row: ReturnRow; index: number }) {
  return (
    <>
      <td className="no">{index + 1}</td>
      <td>
        {row.symbol}・{row.number}・{row.branch}
      </td>
      <td className="name">{row.name}</td>
      <td>{label(RELATION_LABELS[row.relation])}</td>
      <td>{label(DOCUMENT_KIND_LABELS[row.documentKind])}</td>
      <td>{wareki(row.returnedOn)}</td>
    </>
  );
}

/**
 * The 回収連絡書 rows. `count` of them are in the DOM (all by default), the first `shown` on screen
 * and the rest hidden until print (useRowsAheadForPrint).
 */
export function ReturnRowsTable({
  rows,
  count = rows.length,
  shown = count,
}: {
  rows: readonly ReturnRow[];
  count?: number;
  shown?: number;
}) {
  return (
    <table className="sheet-rows">
      <colgroup>
        <col style={{ width: '7%' }} />
        <col style={{ width: '21%' }} />
        <col style={{ width: '26%' }} />
        <col style={{ width: '13%' }} />
        <col style={{ width: '13%' }} />
        <col style={{ width: '20%' }} />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">No.</th>
          <th scope="col">記号・番号・枝番</th>
          <th scope="col">氏名</th>
          <th scope="col">本人・家族</th>
          <th scope="col">書類</th>
          <th scope="col">返却日</th>
        </tr>
      </thead>
      <tbody>
        <ChunkedRows rows={rows} count={count} shown={shown} Cells={ReturnCells} />
      </tbody>
    </table>
  );
}

/** Rows per memoised group: rendering more rows ahead leaves the groups already rendered alone. */
const GROUP = 200;

type CellsOf<T> = (props: { row: T; index: number }) => ReactNode;
type GroupProps<T> = { rows: readonly T[]; start: number; end: number; aheadFrom: number; Cells: CellsOf<T> };

function RowGroupOf<T extends { itemId: string }>({ rows, start, end, aheadFrom, Cells }: GroupProps<T>) {
  const out: ReactNode[] = [];
  for (let index = start; index < end; index++) {
    const row = rows[index] as T;
    out.push(
      <tr key={row.itemId} data-item-id={row.itemId} className={index >= aheadFrom ? 'print-ahead' : undefined}>
        <Cells row={row} index={index} />
      </tr>,
    );
  }
  return <>{out}</>;
}
const RowGroup = memo(RowGroupOf) as unknown as typeof RowGroupOf;

/**
 * The first `count` of `rows` as table rows, in groups of GROUP that render again only when their
 * own part changes; rows from `shown` on carry `print-ahead` (hidden on screen, printed).
 */
export function ChunkedRows<T extends { itemId: string }>({
  rows,
  count,
  shown,
  Cells,
}: {
  rows: readonly T[];
  count: number;
  shown: number;
  Cells: CellsOf<T>;
}) {
  const groups: ReactNode[] = [];
  for (let start = 0; start < count; start += GROUP) {
    const end = Math.min(count, start + GROUP);
    groups.push(
      <RowGroup
        key={start}
        rows={rows}
        start={start}
        end={end}
        aheadFrom={Math.min(end, Math.max(start, shown))}
        Cells={Cells}
      />,
    );
  }
  return <>{groups}</>;
}
