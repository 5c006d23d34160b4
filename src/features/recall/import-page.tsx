import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { db, type LocalItem, type LocalList } from '../../db/db';
import { importedList, knownIssueNos } from '../../db/import-list';
import { indexPendingImports } from '../../db/pending-imports';
import {
  adoptOfficeValueMapping,
  currentInsurerKey,
  loadValueMapping,
  rememberValueMapping,
} from '../../db/value-mappings';
import { type ColumnMapping, FIELD_HEADERS, IMPORT_FIELDS, REQUIRED_FIELDS } from '../../domain/csv/columns';
import { MAX_CSV_BYTES } from '../../domain/csv/errors';
import type { CodedField, ValueMapping } from '../../domain/csv/values';
import { api } from '../../sync/sync-service';
import {
  ImportSummary,
  PreviewTable,
  ProblemGroups,
  SheetPicker,
  SourceLine,
  ValueMappingStep,
} from './import-preview';
import type { CheckedImport, ImportAnswer, ImportRequest } from './import-worker';
import { rememberImportedList } from './use-list-items';

/** What the worker reads the file with: the clerk's column mapping, their answers for wordings, a sheet. */
type CheckSettings = { mapping?: ColumnMapping; valueMapping?: ValueMapping; sheet?: string };

/**
 * A file checked in the import worker, which stays to store it (or is stopped). `items`: the file's
 * items, which follow the preview a chunk per message (to show the list from memory once stored).
 */
type ImportJob = { items: () => Promise<LocalItem[]>; store: (list: LocalList) => Promise<void>; stop: () => void };

type Pending<T> = { resolve: (value: T) => void; reject: (error: unknown) => void };

function deferred<T>(): Pending<T> & { promise: Promise<T> } {
  let pending: Pending<T> = { resolve: () => {}, reject: () => {} };
  const promise = new Promise<T>((resolve, reject) => {
    pending = { resolve, reject };
  });
  // Heard by whoever asks; a stopped job must not leave an unhandled rejection.
  promise.catch(() => {});
  return { ...pending, promise };
}

/**
 * The worker starts on the file while the tablet's 発行No. are read here, so a re-import's matching
 * costs no extra wait. Once the preview is posted it seals the items' personal data (with a key it
 * cannot read out) while the clerk reads it; on 取り込む it writes the import's journal record
 * itself, so the main thread never clones the 10,000 items for IndexedDB (src/db/import-list.ts).
 */
function checkInWorker(file: File, settings: CheckSettings): Promise<{ result: CheckedImport; job: ImportJob }> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  const send = (request: ImportRequest, transfer: Transferable[] = []) => worker.postMessage(request, transfer);
  let storing: Pending<void> | null = null;
  const received: LocalItem[] = [];
  const items = deferred<LocalItem[]>();
  const job: ImportJob = {
    items: () => items.promise,
    store: (list) =>
      new Promise<void>((resolve, reject) => {
        storing = { resolve, reject };
        send({ store: list });
      }),
    stop: () => {
      worker.terminate();
      const stopped = new Error('import stopped');
      storing?.reject(stopped);
      items.reject(stopped);
    },
  };
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      worker.terminate();
      reject(error);
      storing?.reject(error);
      items.reject(error);
    };
    worker.onmessage = (event: MessageEvent<ImportAnswer>) => {
      const answer = event.data;
      if (answer.kind === 'checked') {
        if (!answer.result.ok) worker.terminate();
        resolve({ result: answer.result, job });
      } else if (answer.kind === 'items') {
        for (const item of answer.items) received.push(item);
        if (answer.last) items.resolve(received);
      } else if (answer.kind === 'stored') storing?.resolve();
      else storing?.reject(new Error('store failed'));
    };
    worker.onerror = fail;
    const known = knownIssueNos(db);
    Promise.all([file.arrayBuffer(), db.dataKey.sealingKey()])
      .then(([bytes, sealingKey]) => send({ bytes, ...settings, sealingKey }, [bytes]))
      .then(() => known)
      .then((existingIssueNos) => send({ existingIssueNos }))
      .catch(fail);
  });
}

/** Longest wait for the office's answers before a file is read with this tablet's own. */
const OFFICE_MAPPING_WAIT_MS = 1500;

/**
 * The office's answers for its insurer's wordings (docs/decisions/025), taken in when the import page
 * opens, so an answer given on another tablet already applies to this file. Offline or slow, the
 * tablet's own answers apply; nothing is shown to the clerk (it is only a head start).
 */
async function takeInOfficeValueMapping(): Promise<void> {
  const [insurer, office] = await Promise.all([currentInsurerKey(), api.valueMappings()]);
  await adoptOfficeValueMapping(insurer, office);
}

type State =
  | { step: 'choose' }
  | { step: 'reading' }
  | { step: 'checked'; file: File; settings: CheckSettings; result: CheckedImport }
  | { step: 'failed'; code: string }
  | { step: 'done'; listId: string | null; count: number };

/**
 * Import a recall list file (CSV or .xlsx): preview the ready rows, the rows with problems (set aside,
 * downloadable with their reasons) and the wordings to map, then store the ready rows in one go.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ step: 'choose' });
  const [title, setTitle] = useState('');
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const job = useRef<ImportJob | null>(null);
  const officeMapping = useRef<Promise<void> | null>(null);
  officeMapping.current ??= takeInOfficeValueMapping().catch(() => {});
  const stopJob = () => {
    job.current?.stop();
    job.current = null;
  };
  // Leaving the page stops a worker still sealing (nothing is stored unless the clerk confirmed).
  useEffect(
    () => () => {
      job.current?.stop();
    },
    [],
  );

  const check = async (file: File, settings: CheckSettings) => {
    stopJob();
    // A 50 MB file is refused before a byte of it is read.
    if (file.size > MAX_CSV_BYTES) return setState({ step: 'failed', code: 'file_too_large' });
    setState({ step: 'reading' });
    try {
      const { result, job: started } = await checkInWorker(file, settings);
      job.current = started;
      if (!result.ok && result.suggestedMapping) setMapping(result.suggestedMapping);
      setState({ step: 'checked', file, settings, result });
    } catch {
      setState({ step: 'failed', code: 'read_failed' });
    }
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setTitle((current) => current || file.name.replace(/\.[^.]+$/, ''));
    // The clerk's answers for this insurer's wordings, so next month's file imports in one step.
    await Promise.race([officeMapping.current, new Promise((resolve) => setTimeout(resolve, OFFICE_MAPPING_WAIT_MS))]);
    const valueMapping = await currentInsurerKey()
      .then(loadValueMapping)
      .catch(() => ({}));
    void check(file, { valueMapping });
  };
  /** Remembers the clerk's answers for this insurer, then reads the file again with all of them. */
  const mapValues = async (answers: ValueMapping) => {
    if (state.step !== 'checked') return;
    const { file, settings } = state;
    const valueMapping = await currentInsurerKey().then((insurer) => rememberValueMapping(insurer, answers));
    void check(file, { ...settings, valueMapping });
  };
  const [storing, setStoring] = useState(false);
  const store = async (result: Extract<CheckedImport, { ok: true }>) => {
    if (result.toAddCount === 0) return setState({ step: 'done', listId: null, count: 0 });
    // The store owns the job from here: leaving the page must not cut the journal's write short
    // (a worker stopped mid-write stores nothing, or leaves the move to the next start).
    const current = job.current;
    job.current = null;
    if (!current) return setState({ step: 'failed', code: 'store_failed' });
    const list = importedList(result.listId, title.trim() || t('import.title'));
    setStoring(true);
    try {
      await current.store(list);
    } catch {
      current.stop();
      setStoring(false);
      return setState({ step: 'failed', code: 'store_failed' });
    }
    // Stored: the journal holds the list. Its move into the checklist starts at once, before this page
    // lets anything else read; the list shows from the items in memory meanwhile (or, should they not
    // have come over, from IndexedDB once moved).
    const move = indexPendingImports(db);
    const items = await current.items().catch(() => null);
    current.stop();
    setStoring(false);
    await move.started;
    if (items) rememberImportedList(list, items);
    setState({ step: 'done', listId: list.id, count: result.toAddCount });
    // Only the move failed, and the next start tries it again.
    move.done.catch(() => setState({ step: 'failed', code: 'index_failed' }));
  };

  return (
    <>
      <Link className="back-link" to="/">
        {t('list.back')}
      </Link>
      <h1>{t('import.title')}</h1>
      <p>{t('import.lead')}</p>
      <div className="import-form">
        <label className="field">
          <span>{t('import.file')}</span>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => void choose(event.target.files?.[0])}
          />
        </label>
        <label className="field">
          <span>{t('import.listTitle')}</span>
          <input value={title} maxLength={100} onChange={(event) => setTitle(event.target.value)} />
        </label>
      </div>

      <div role="status" aria-live="polite">
        {state.step === 'reading' && <p>{t('import.reading')}</p>}
        {state.step === 'failed' && <p className="form-error">{t(`csvErrors.${state.code}`)}</p>}
        {state.step === 'done' &&
          (state.listId ? (
            <p className="ok">
              {t('import.done', { title, count: state.count })}{' '}
              <Link to={`/lists/${state.listId}`}>{t('import.openList')}</Link>
            </p>
          ) : (
            <p className="ok">{t('import.nothingNew')}</p>
          ))}
      </div>

      {state.step === 'checked' && state.result.ok && (
        <section className="import-preview">
          <SourceLine source={state.result.source} />
          <SheetPicker
            source={state.result.source}
            onPick={(sheet) => state.step === 'checked' && void check(state.file, { ...state.settings, sheet })}
          />
          <ImportSummary
            result={state.result}
            storing={storing}
            onStore={() => state.result.ok && void store(state.result)}
            onCancel={() => {
              stopJob();
              setState({ step: 'choose' });
            }}
          />
          {state.result.unknownValues.length > 0 && (
            <ValueMappingStep
              key={state.result.listId}
              unknown={state.result.unknownValues}
              headers={
                Object.fromEntries(state.result.problems.map((group) => [group.field, group.column])) as Partial<
                  Record<CodedField, string>
                >
              }
              onApply={(answers) => void mapValues(answers)}
            />
          )}
          <ProblemGroups kind="problems" groups={state.result.problems} />
          <ProblemGroups kind="warnings" groups={state.result.warnings} />
          <PreviewTable result={state.result} />
        </section>
      )}

      {state.step === 'checked' && !state.result.ok && (
        <section className="import-errors">
          <p className="form-error" role="alert">
            {t(`csvErrors.${state.result.error}`, { line: state.result.line })}
          </p>
          {state.result.error === 'missing_columns' && state.result.headers && (
            <MappingStep
              headers={state.result.headers}
              mapping={mapping}
              onChange={setMapping}
              onApply={() => state.step === 'checked' && void check(state.file, { ...state.settings, mapping })}
            />
          )}
        </section>
      )}
    </>
  );
}

function MappingStep({
  headers,
  mapping,
  onChange,
  onApply,
}: {
  headers: string[];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
  onApply: () => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="mapping">
      <legend>{t('import.mappingTitle')}</legend>
      <p>{t('import.mappingLead')}</p>
      <div className="mapping-grid">
        {IMPORT_FIELDS.map((field) => (
          <label key={field} className="field">
            <span>
              {FIELD_HEADERS[field][0]}
              {REQUIRED_FIELDS.includes(field) ? ' *' : ''}
            </span>
            <select
              value={mapping[field] ?? ''}
              onChange={(event) =>
                onChange({ ...mapping, [field]: event.target.value === '' ? undefined : Number(event.target.value) })
              }
            >
              <option value="">{t('import.mappingNone')}</option>
              {headers.map((header, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat or be empty; the column index is what identifies them
                <option key={index} value={index}>
                  {header || `#${index + 1}`}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <button type="button" className="button primary" onClick={onApply}>
        {t('import.mappingApply')}
      </button>
    </fieldset>
  );
}
