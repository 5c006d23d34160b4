import { useTranslation } from 'react-i18next';
import type { LocalReport } from '../../db/db';
import { DOCUMENT_KIND_LABELS, RELATION_LABELS, SEX_LABELS } from '../../domain/csv/labels';
import type { Clerk, ReportRow } from '../../domain/reports/build-report';
import { EMPTY_OFFICE_PROFILE, type OfficeProfile } from '../../domain/reports/official-forms';
import { FORM_TITLES } from '../../domain/reports/report-forms';
import { ChunkedRows, label, OfficeBlock, ReturnRowsTable, SheetHead, wareki } from './sheet-parts';
import { type RowsAhead, useRowsAheadForPrint } from './use-shown-until-print';

/** Rows on screen at first and per "show more"; the print always has them all (ADR 018, 035). */
export const SHEET_PAGE = 200;

/**
 * A report as the insurer's form, always in Japanese whatever the UI language (it is read at the
 * insurer). Names and reasons are rendered as text by React, so markup in a name prints literally.
 */
/** Rows rendered per idle period ahead of print, and per task when 印刷 finishes them with progress. */
export const PRINT_CHUNK = 250;

type SheetProps = {
  report: LocalReport;
  clerk: Clerk | undefined;
  /** The office profile (docs/decisions/024); the name printed is the one the report was made with. */
  office?: OfficeProfile;
  /** The rows on screen and rendered ahead, when the page around the sheet drives them (its 印刷 button). */
  ahead?: RowsAhead;
};

export function ReportSheet(props: SheetProps) {
  return props.ahead ? <Sheet {...props} ahead={props.ahead} /> : <SheetWithOwnRows {...props} />;
}

function SheetWithOwnRows(props: SheetProps) {
  const ahead = useRowsAheadForPrint(props.report.rows.length, SHEET_PAGE, PRINT_CHUNK);
  return <Sheet {...props} ahead={ahead} />;
}

/** The cells of one row of the 回収不能届 and 滅失届 tables. */
function MemberCells({ row, index }: { row: ReportRow; index: number }) {
  return (
    <>
      <td className="no">{index + 1}</td>
      <td className="name">
        {row.name}
        <span className="kana">{row.kana}</span>
      </td>
      <td>{wareki(row.birthDate)}</td>
      <td className="nowrap">{label(SEX_LABELS[row.sex])}</td>
      <td className="nowrap">
        {row.symbol}・{row.number}・{row.branch}
      </td>
      <td className="nowrap">{label(RELATION_LABELS[row.relation])}</td>
      <td className="nowrap">{label(DOCUMENT_KIND_LABELS[row.documentKind])}</td>
      <td className="reason">{row.reason}</td>
    </>
  );
}

function Sheet({ report, clerk, office = EMPTY_OFFICE_PROFILE, ahead }: SheetProps & { ahead: RowsAhead }) {
  const { t } = useTranslation();
  const { shown, rendered, more } = ahead;
  const title = FORM_TITLES[report.form];
  const returns = report.form === 'return_notice';
  return (
    <article className="print-sheet report-sheet" lang="ja" aria-label={title} data-testid="report-sheet">
      <SheetHead
        title={title}
        to={
          <>
            {report.insurer.name} 御中
            <br />
            保険者番号 {report.insurer.number}
          </>
        }
        submittedOn={report.createdOn}
      />
      {/* The office name as it was when the report was made; the rest of the profile as it is now. */}
      <OfficeBlock
        office={{ ...office, name: report.office.name }}
        officeCode={report.office.code}
        clerk={clerk ?? { name: '', phone: '' }}
      />

      <p className="sheet-lead">
        {returns
          ? '下記のとおり資格確認書等を回収しましたので、同封して返却します。'
          : report.form === 'lost'
            ? '下記の者の資格確認書等は滅失したため、返却できないことを届け出ます。'
            : '下記の者の資格確認書等は、次の理由により回収できないため届け出ます。'}
      </p>
      <table className="sheet-counts">
        <thead>
          <tr>
            <th scope="col">書類</th>
            <th scope="col">{returns ? '同封枚数' : '件数'}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">資格確認書</th>
            <td className="number" data-testid="count-certificate">
              {report.counts.certificate} {returns ? '枚' : '件'}
            </td>
          </tr>
          <tr>
            <th scope="row">健康保険証（令和7年12月1日までの資格喪失分）</th>
            <td className="number" data-testid="count-old-card">
              {report.counts.old_card} {returns ? '枚' : '件'}
            </td>
          </tr>
          <tr>
            <th scope="row">合計</th>
            <td className="number" data-testid="count-total">
              {report.total} {returns ? '枚' : '件'}
            </td>
          </tr>
        </tbody>
      </table>

      {report.rowsPurged ? (
        <p>保存期間を過ぎたため、個人の明細は端末から削除されました。</p>
      ) : returns ? (
        <ReturnRowsTable rows={report.rows} count={rendered} shown={shown} />
      ) : (
        <table className="sheet-rows per-member">
          <colgroup>
            <col style={{ width: '5%' }} />
            <col style={{ width: '16%' }} />
            <col style={{ width: '15%' }} />
            <col style={{ width: '6%' }} />
            <col style={{ width: '16%' }} />
            <col style={{ width: '10%' }} />
            <col style={{ width: '11%' }} />
            <col style={{ width: '21%' }} />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">No.</th>
              <th scope="col">氏名（フリガナ）</th>
              <th scope="col">生年月日</th>
              <th scope="col">性別</th>
              <th scope="col">記号・番号・枝番</th>
              <th scope="col">本人・家族</th>
              <th scope="col">書類</th>
              <th scope="col">{report.form === 'lost' ? '滅失の理由' : '回収できない理由'}</th>
            </tr>
          </thead>
          <tbody>
            <ChunkedRows rows={report.rows} count={rendered} shown={shown} Cells={MemberCells} />
          </tbody>
        </table>
      )}

      {more && !report.rowsPurged && (
        <p className="sheet-more">
          <button type="button" className="button secondary" onClick={more}>
            {t('reports.sheetMore', {
              count: Math.min(SHEET_PAGE, report.rows.length - shown),
              total: report.rows.length,
            })}
          </button>
        </p>
      )}

      {!returns && (
        <section className="sheet-confirm" aria-label="事業主確認欄">
          <p>
            事業主確認欄：上記の者について回収に努めましたが、{report.form === 'lost' ? '滅失した' : '回収できない'}
            ことを確認しました。
          </p>
          {/* No 印 box: the 押印 was abolished on these forms (issue 15); the 事業主氏名 is written. */}
          <p className="sign">
            <span>事業主氏名</span>
          </p>
        </section>
      )}
    </article>
  );
}
