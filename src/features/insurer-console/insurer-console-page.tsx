import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AccessCodeIssued,
  OfficeMonth,
  PublishResponse,
  StaffOffice,
  StaffReport,
  StaffSignInResponse,
} from '../../api/insurer-schemas';
import { StaffApiError, staffFetch } from './staff-api';
import './insurer-console.css';

/**
 * The insurer staff's console (issue 20, docs/decisions/020-insurer-side.md): enrol offices and hand
 * out access codes, publish a month's list (the JSON the API and the CLI take), see what came back and
 * record envelopes. A public route outside the tablet's signed-in frame: it opens no office database.
 */
export function InsurerConsolePage() {
  const { t } = useTranslation();
  const [session, setSession] = useState<StaffSignInResponse | null>(null);
  return (
    <main id="main" tabIndex={-1} className="insurer-console">
      <h1>{t('insurerConsole.title')}</h1>
      {session ? (
        <Console session={session} onSignOut={() => setSession(null)} />
      ) : (
        <StaffSignIn onSignedIn={setSession} />
      )}
    </main>
  );
}

function ErrorText({ error, id }: { error: unknown; id?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = error instanceof StaffApiError ? error.code : 'unknown';
  const rows = error instanceof StaffApiError ? error.errors : [];
  return (
    <div id={id} className="form-error" role="alert">
      <p>{t(`insurerConsole.errors.${code}`, { defaultValue: t('insurerConsole.errors.unknown') })}</p>
      {rows && rows.length > 0 && (
        <ul>
          {rows.slice(0, 50).map((row) => (
            <li key={`${row.path}:${row.message}`}>
              {row.line !== undefined && <>{t('insurerConsole.line', { line: row.line })} </>}
              <code>{row.path}</code>:{' '}
              {row.code
                ? t([`insurerConsole.rowErrors.${row.code}`, `csvErrors.${row.code}`], { defaultValue: row.message })
                : row.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StaffSignIn({ onSignedIn }: { onSignedIn: (s: StaffSignInResponse) => void }) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const errorId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      onSignedIn(
        await staffFetch<StaffSignInResponse>('/auth/sign-in', null, { body: { login: login.trim(), password } }),
      );
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined} className="console-card">
      <h2>{t('insurerConsole.signIn')}</h2>
      <label className="field">
        <span>{t('insurerConsole.login')}</span>
        <input name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('insurerConsole.password')}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <ErrorText error={error} id={errorId} />
      <button className="button primary" type="submit" disabled={!login.trim() || !password}>
        {t('insurerConsole.signInSubmit')}
      </button>
    </form>
  );
}

function Console({ session, onSignOut }: { session: StaffSignInResponse; onSignOut: () => void }) {
  const { t } = useTranslation();
  const token = session.token;
  const [offices, setOffices] = useState<StaffOffice[]>([]);
  const reload = useCallback(async () => {
    setOffices((await staffFetch<{ offices: StaffOffice[] }>('/offices', token)).offices);
  }, [token]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const signOut = async () => {
    await staffFetch('/auth/sign-out', token, { method: 'POST' }).catch(() => undefined);
    onSignOut();
  };
  return (
    <>
      <p className="console-who">
        {t('insurerConsole.signedInAs', { insurer: session.insurer.name, login: session.login })}{' '}
        <button className="button secondary" type="button" onClick={signOut}>
          {t('insurerConsole.signOut')}
        </button>
      </p>
      <Offices token={token} offices={offices} onChange={reload} />
      <Publish token={token} />
      <Returns token={token} offices={offices} />
    </>
  );
}

function Offices({ token, offices, onChange }: { token: string; offices: StaffOffice[]; onChange: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ code: '', officeSymbol: '', officeNumber: '', name: '', address: '' });
  const [issued, setIssued] = useState<AccessCodeIssued | null>(null);
  const [error, setError] = useState<unknown>(null);
  const act = async (run: () => Promise<AccessCodeIssued | null>) => {
    setError(null);
    try {
      setIssued(await run());
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  const enrol = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const result = await staffFetch<AccessCodeIssued>('/offices', token, { body: form });
      setForm({ code: '', officeSymbol: '', officeNumber: '', name: '', address: '' });
      return result;
    });
  };
  const field = (key: keyof typeof form) => (
    <label className="field">
      <span>{t(`insurerConsole.office.${key}`)}</span>
      <input name={key} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </label>
  );
  return (
    <section className="console-card" aria-labelledby="offices-title">
      <h2 id="offices-title">{t('insurerConsole.officesTitle')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('insurerConsole.office.code')}</th>
            <th scope="col">{t('insurerConsole.office.name')}</th>
            <th scope="col">{t('insurerConsole.office.state')}</th>
            <th scope="col">{t('insurerConsole.office.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {offices.map((office) => (
            <tr key={office.id} data-office-code={office.code}>
              <td>{office.code}</td>
              <td>{office.name}</td>
              <td>{office.disabled ? t('insurerConsole.office.disabled') : t('insurerConsole.office.enabled')}</td>
              <td>
                <button
                  className="button secondary"
                  type="button"
                  aria-label={t('insurerConsole.office.rotateFor', { code: office.code })}
                  onClick={() =>
                    act(() =>
                      staffFetch<AccessCodeIssued>(`/offices/${office.code}/access-code`, token, { method: 'POST' }),
                    )
                  }
                >
                  {t('insurerConsole.office.rotate')}
                </button>{' '}
                {!office.disabled && (
                  <button
                    className="button secondary"
                    type="button"
                    aria-label={t('insurerConsole.office.disableFor', { code: office.code })}
                    onClick={() =>
                      act(async () => {
                        await staffFetch(`/offices/${office.code}/disable`, token, { method: 'POST' });
                        return null;
                      })
                    }
                  >
                    {t('insurerConsole.office.disable')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {issued && (
        <p className="console-issued" role="status">
          {t('insurerConsole.office.issued', { code: issued.office.code })}{' '}
          <strong data-testid="access-code">{issued.accessCode}</strong>
        </p>
      )}
      <form onSubmit={enrol} noValidate>
        <h3>{t('insurerConsole.enrolTitle')}</h3>
        {field('code')}
        {field('officeSymbol')}
        {field('officeNumber')}
        {field('name')}
        {field('address')}
        <ErrorText error={error} />
        <button className="button primary" type="submit">
          {t('insurerConsole.enrol')}
        </button>
      </form>
    </section>
  );
}

/** A file's bytes (FileReader: File.arrayBuffer is missing from some older browsers and from jsdom). */
function readBytes(file: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

function Publish({ token }: { token: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  // The insurer's monthly CSV is sent as it is (its period and title beside it); JSON as typed.
  const [csv, setCsv] = useState<Uint8Array | null>(null);
  const [period, setPeriod] = useState('');
  const [title, setTitle] = useState('');
  const [result, setResult] = useState<PublishResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    try {
      if (csv) {
        const query = new URLSearchParams({ period, title });
        setResult(await staffFetch<PublishResponse>(`/publish?${query}`, token, { body: csv }));
      } else setResult(await staffFetch<PublishResponse>('/publish', token, { body: text }));
    } catch (e) {
      setError(e);
    }
  };
  const choose = async (file: File | undefined) => {
    const isCsv = !!file && (/\.csv$/i.test(file.name) || file.type === 'text/csv');
    setCsv(isCsv ? new Uint8Array(await readBytes(file)) : null);
    setText(isCsv || !file ? '' : await file.text());
  };
  return (
    <section className="console-card" aria-labelledby="publish-title">
      <h2 id="publish-title">{t('insurerConsole.publishTitle')}</h2>
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('insurerConsole.publishFile')}</span>
          <input
            type="file"
            accept="application/json,.json,text/csv,.csv"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </label>
        {csv ? (
          <>
            <label className="field">
              <span>{t('insurerConsole.publishPeriod')}</span>
              <input type="month" value={period} onChange={(e) => setPeriod(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('insurerConsole.publishListTitle')}</span>
              <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
            </label>
          </>
        ) : (
          <label className="field">
            <span>{t('insurerConsole.publishJson')}</span>
            <textarea rows={6} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
        )}
        <ErrorText error={error} />
        <button className="button primary" type="submit" disabled={csv ? !period || !title.trim() : !text.trim()}>
          {t('insurerConsole.publish')}
        </button>
      </form>
      {result && (
        <div role="status">
          <ul className="console-result">
            {result.offices.map((o) => (
              <li key={o.officeCode}>
                {t(o.published ? 'insurerConsole.published' : 'insurerConsole.alreadyPublished', {
                  code: o.officeCode,
                  count: o.items,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Returns({ token, offices }: { token: string; offices: StaffOffice[] }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState('');
  const [rows, setRows] = useState<OfficeMonth[] | null>(null);
  const [office, setOffice] = useState('');
  const [reports, setReports] = useState<StaffReport[] | null>(null);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const query = period ? `?period=${encodeURIComponent(period)}` : '';
  const run = async (step: () => Promise<void>) => {
    setError(null);
    try {
      await step();
    } catch (e) {
      setError(e);
    }
  };
  const show = () =>
    run(async () => setRows((await staffFetch<{ rows: OfficeMonth[] }>(`/summary${query}`, token)).rows));
  const download = () =>
    run(async () => {
      const csv = await staffFetch<string>(`/summary${query}${query ? '&' : '?'}format=csv`, token, { raw: true });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `recall-summary${period ? `-${period}` : ''}.csv`;
      link.click();
      URL.revokeObjectURL(url);
    });
  const loadReports = (code: string) =>
    run(async () => {
      setOffice(code);
      setReports(
        code ? (await staffFetch<{ reports: StaffReport[] }>(`/offices/${code}/reports`, token)).reports : null,
      );
    });
  const envelope = (report: StaffReport) =>
    run(async () => {
      await staffFetch(`/offices/${office}/reports/${report.id}/envelope`, token, {
        body: { count: Number(counts[report.id] ?? '') },
      });
      await loadReports(office);
    });
  return (
    <section className="console-card" aria-labelledby="returns-title">
      <h2 id="returns-title">{t('insurerConsole.returnsTitle')}</h2>
      <label className="field">
        <span>{t('insurerConsole.period')}</span>
        <input name="period" placeholder="2026-11" value={period} onChange={(e) => setPeriod(e.target.value.trim())} />
      </label>
      <button className="button primary" type="button" onClick={show}>
        {t('insurerConsole.showSummary')}
      </button>{' '}
      <button className="button secondary" type="button" onClick={download}>
        {t('insurerConsole.downloadCsv')}
      </button>
      <ErrorText error={error} />
      {rows && (
        <table data-testid="summary">
          <thead>
            <tr>
              {(
                [
                  'code',
                  'name',
                  'period',
                  'toCollect',
                  'returned',
                  'cannotCollect',
                  'overdue',
                  'reports',
                  'envelopes',
                ] as const
              ).map((key) => (
                <th scope="col" key={key}>
                  {t(`insurerConsole.summary.${key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.officeCode}-${r.period}`} data-office-code={r.officeCode}>
                <td>{r.officeCode}</td>
                <td>{r.officeName}</td>
                <td>{r.period}</td>
                <td>{r.toCollect}</td>
                <td>{r.returned}</td>
                <td>{r.cannotCollect}</td>
                <td>{r.overdue}</td>
                <td>{r.reports}</td>
                <td>{r.envelopes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <label className="field">
        <span>{t('insurerConsole.reportsOf')}</span>
        <select value={office} onChange={(e) => loadReports(e.target.value)}>
          <option value="">—</option>
          {offices.map((o) => (
            <option key={o.id} value={o.code}>
              {o.code} {o.name}
            </option>
          ))}
        </select>
      </label>
      {reports && reports.length === 0 && <p>{t('insurerConsole.noReports')}</p>}
      {reports && reports.length > 0 && (
        <ul className="console-reports">
          {reports.map((report) => (
            <li key={report.id} data-report-id={report.id}>
              <span>
                {t(`reports.forms.${report.form}`)}・{t('reports.count', { count: report.itemCount })}・
                {report.receivedAt.slice(0, 10)}
              </span>
              {report.envelopeReceivedAt ? (
                <strong className="report-status received">{t('reports.envelopeReceived')}</strong>
              ) : (
                <span className="console-envelope">
                  <label className="field">
                    <span>{t('insurerConsole.envelopeCount')}</span>
                    <input
                      inputMode="numeric"
                      value={counts[report.id] ?? ''}
                      onChange={(e) => setCounts({ ...counts, [report.id]: e.target.value })}
                    />
                  </label>
                  <button className="button primary" type="button" onClick={() => envelope(report)}>
                    {t('insurerConsole.recordEnvelope')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
