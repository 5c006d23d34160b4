import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CsvRowError } from '../../domain/csv/errors';
import { toExcelCsvBytes } from '../../domain/csv/export';
import type { ImportSource } from '../../domain/csv/import-csv';
import { labelFor, SEX_LABELS } from '../../domain/csv/labels';
import { type ProblemGroup, setAsideCsvRows } from '../../domain/csv/problems';
import type { SetAsideRow } from '../../domain/csv/validate';
import {
  acceptedLabels,
  CODED_FIELDS,
  CODED_VALUES,
  type CodedField,
  type UnknownValue,
  type ValueMapping,
} from '../../domain/csv/values';
import { formatCalendarDate } from '../../domain/dates';
import { downloadBytes } from '../../ui/download';
import type { CheckedImport } from './import-worker';

type Checked = Extract<CheckedImport, { ok: true }>;

/** The file's kind in words (issue 21: not a raw 「shift_jis」). */
export function SourceLine({ source }: { source: ImportSource }) {
  const { t } = useTranslation();
  const words =
    source.kind === 'csv' ? t(`import.sources.${source.encoding}`) : t('import.sources.xlsx', { sheet: source.sheet });
  return <p>{t('import.source', { source: words })}</p>;
}

/** For a workbook of several sheets: which one to read (the first is read until the clerk picks). */
export function SheetPicker({ source, onPick }: { source: ImportSource; onPick: (sheet: string) => void }) {
  const { t } = useTranslation();
  if (source.kind !== 'xlsx' || source.sheets.length < 2) return null;
  return (
    <label className="field">
      <span>{t('import.sheet')}</span>
      <select value={source.sheet} onChange={(event) => onPick(event.target.value)}>
        {source.sheets.map((sheet) => (
          <option key={sheet} value={sheet}>
            {sheet}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Counts first, and the actions right under them: 取り込む is never below the 20-row preview (issue 21). */
export function ImportSummary({
  result,
  storing,
  onStore,
  onCancel,
}: {
  result: Checked;
  storing: boolean;
  onStore: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const setAside = result.setAside.length;
  // The check's result is where the clerk looks next: focus moves to the counts (keyboard and screen
  // reader users hear them), after a file is chosen, a sheet picked or wordings mapped.
  const counts = useRef<HTMLUListElement>(null);
  useEffect(() => counts.current?.focus(), []);
  return (
    <>
      <ul className="import-counts" ref={counts} tabIndex={-1}>
        <li className="ok">{t('import.ready', { count: result.toAddCount })}</li>
        {result.presentCount > 0 && <li>{t('import.present', { count: result.presentCount })}</li>}
        {setAside > 0 && <li className="form-error">{t('import.setAside', { count: setAside })}</li>}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="button primary" disabled={storing} onClick={onStore}>
          {t('import.confirm', { count: result.toAddCount })}
        </button>
        {setAside > 0 && <SetAsideDownload headers={result.headers} rows={result.setAside} />}
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('import.cancel')}
        </button>
      </div>
    </>
  );
}

function SetAsideDownload({ headers, rows }: { headers: string[]; rows: SetAsideRow[] }) {
  const { t } = useTranslation();
  const reasonOf = (error: CsvRowError) =>
    `${error.column || t('import.wholeRow')}：${t(`csvErrors.${error.code}`)}${acceptedNote(t, error)}`;
  const save = () => {
    const csv = setAsideCsvRows(headers, rows, t('import.setAsideReason'), reasonOf);
    downloadBytes(`${t('import.setAsideFile')}.csv`, toExcelCsvBytes(csv), 'text/csv');
  };
  return (
    <button type="button" className="button secondary" onClick={save}>
      {t('import.downloadSetAside', { count: rows.length })}
    </button>
  );
}

const isCoded = (field: string): field is CodedField => (CODED_FIELDS as readonly string[]).includes(field);

function acceptedNote(t: (key: string, options?: Record<string, unknown>) => string, problem: { field: string }) {
  return isCoded(problem.field)
    ? `（${t('import.accepted', { values: acceptedLabels(problem.field).join('・') })}）`
    : '';
}

/** A value of the app, in the clerk's words. */
function useValueLabel() {
  const { t } = useTranslation();
  return (field: CodedField, code: string) => {
    if (field === 'reason') return t(`reason.${code}`);
    if (field === 'relation') return t(`relation.${code}`);
    if (field === 'documentKind') return t(`document.${code}`);
    return labelFor(SEX_LABELS, code as 'male' | 'female');
  };
}

const COLUMN_OF: Readonly<Record<CodedField, string>> = {
  reason: '回収理由',
  relation: '本人家族',
  sex: '性別',
  documentKind: '書類',
};

/**
 * The value-mapping step, like the column mapping: every wording the app does not know, with its row
 * count, and a choice of the app's values. The answers are remembered for the insurer by the page.
 */
export function ValueMappingStep({
  unknown,
  headers,
  onApply,
}: {
  unknown: UnknownValue[];
  headers?: Partial<Record<CodedField, string>>;
  onApply: (answers: ValueMapping) => void;
}) {
  const { t } = useTranslation();
  const valueLabel = useValueLabel();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const id = (value: UnknownValue) => `${value.field}\u0000${value.key}`;
  const apply = () => {
    const mapping: ValueMapping = {};
    for (const value of unknown) {
      const code = answers[id(value)];
      if (!code) continue;
      mapping[value.field] = { ...mapping[value.field], [value.key]: code };
    }
    onApply(mapping);
  };
  return (
    <fieldset className="mapping value-mapping">
      <legend>{t('import.valuesTitle')}</legend>
      <p>{t('import.valuesLead')}</p>
      <div className="mapping-grid">
        {unknown.map((value) => (
          <label key={id(value)} className="field">
            <span>
              {t('import.valueRow', {
                value: value.value,
                column: headers?.[value.field] ?? COLUMN_OF[value.field],
                count: value.count,
              })}
            </span>
            <select
              value={answers[id(value)] ?? ''}
              onChange={(event) => setAnswers({ ...answers, [id(value)]: event.target.value })}
            >
              <option value="">{t('import.valueLeave')}</option>
              {CODED_VALUES[value.field].map((code) => (
                <option key={code} value={code}>
                  {valueLabel(value.field, code)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <button type="button" className="button primary" onClick={apply}>
        {t('import.valuesApply')}
      </button>
    </fieldset>
  );
}

/** Problems grouped by what is wrong and where, each with its lines (issue 21), and the accepted values. */
export function ProblemGroups({ kind, groups }: { kind: 'problems' | 'warnings'; groups: ProblemGroup[] }) {
  const { t } = useTranslation();
  if (groups.length === 0) return null;
  return (
    <section className={kind === 'problems' ? 'import-problems' : 'import-warnings'}>
      <h2>{t(kind === 'problems' ? 'import.problemsTitle' : 'import.warningsTitle')}</h2>
      {groups.map((group) => {
        const message = kind === 'problems' ? t(`csvErrors.${group.code}`) : t(`import.warnings.${group.code}`);
        const more = group.count - group.examples.length;
        return (
          <details key={`${group.code}-${group.field}-${group.column}`} className="problem-group" open>
            <summary>
              {t(kind === 'problems' ? 'import.problemGroup' : 'import.warningGroup', {
                column: group.column || t('import.wholeRow'),
                message,
                count: group.count,
              })}
              {kind === 'problems' && acceptedNote(t, group)}
            </summary>
            <ul className="error-list">
              {group.examples.map((example) => (
                <li key={example.line}>{t('import.problemLine', { line: example.line, value: example.value })}</li>
              ))}
              {more > 0 && <li>{t('import.problemMore', { count: more })}</li>}
            </ul>
          </details>
        );
      })}
    </section>
  );
}

export function PreviewTable({ result }: { result: Checked }) {
  const { t, i18n } = useTranslation();
  if (result.preview.length === 0) return null;
  return (
    <>
      <h2>{t('import.preview', { count: result.preview.length })}</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('itemDialog.issueNo')}</th>
              <th scope="col">{t('list.columns.name')}</th>
              <th scope="col">{t('itemDialog.symbolNumber')}</th>
              <th scope="col">{t('list.columns.reason')}</th>
              <th scope="col">{t('list.columns.due')}</th>
            </tr>
          </thead>
          <tbody>
            {result.preview.map((row) => (
              <tr key={row.line}>
                <td>{row.issueNo}</td>
                <td>
                  {row.person.name}
                  <br />
                  <span className="item-kana">{row.person.kana}</span>
                </td>
                <td>{`${row.person.symbol}・${row.person.number}・${row.person.branch}`}</td>
                <td>{t(`reason.${row.reason}`)}</td>
                <td>{formatCalendarDate(row.dueDate, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
