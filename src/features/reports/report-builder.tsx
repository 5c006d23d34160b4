import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { db, getMeta } from '../../db/db';
import { reportedItemIds, saveDraft } from '../../db/reports';
import { localToday } from '../../domain/dates';
import { type BuildRefusal, buildReport, countWaiting, type ReportScope } from '../../domain/reports/build-report';
import { REPORT_FORMS, type ReportForm } from '../../domain/reports/report-forms';

type Source = { value: string; label: string; scope: ReportScope };

const monthOf = (iso: string | null) => (iso ? localToday(new Date(iso)).slice(0, 7) : null);

async function loadInputs() {
  const [lists, items, reported, session, clerk] = await Promise.all([
    db.lists.toArray(),
    db.items.toArray(),
    reportedItemIds(db),
    getMeta('session'),
    getMeta('clerk'),
  ]);
  return { lists, items, reported, session, clerk };
}

/**
 * Two taps: choose the list (or the month of returns) and the form, then build. Counts per form are
 * shown before building; a report with nothing in it is refused with the reason.
 */
export function ReportBuilder() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const data = useLiveQuery(loadInputs);
  const [sourceValue, setSourceValue] = useState('');
  const [form, setForm] = useState<ReportForm>('return_notice');
  const [refusal, setRefusal] = useState<BuildRefusal | null>(null);

  const sources = useMemo<Source[]>(() => {
    if (!data) return [];
    const lists = [...data.lists]
      .sort((a, b) => b.period.localeCompare(a.period) || a.title.localeCompare(b.title))
      .map((list) => ({
        value: `list:${list.id}`,
        // Only a list imported before imports were sent to the office stays on this tablet, print only
        // (docs/decisions/025); one the office shares reports like any other.
        label: list.localOnly ? t('reports.sourceImported', { title: list.title }) : list.title,
        scope: { kind: 'list', listId: list.id } as const,
      }));
    const months = new Set<string>();
    for (const item of data.items) {
      const month = item.localOnly
        ? null
        : item.status === 'returned'
          ? monthOf(item.returnedAt)
          : item.status === 'unreturnable'
            ? monthOf(item.statusChangedAt)
            : null;
      if (month) months.add(month);
    }
    const periods = [...months]
      .sort()
      .reverse()
      .map((period) => ({
        value: `period:${period}`,
        label: t('reports.sourcePeriod', { year: period.slice(0, 4), month: Number(period.slice(5)) }),
        scope: { kind: 'period', period } as const,
      }));
    return [...lists, ...periods];
  }, [data, t]);

  // The clerk comes here to report what is waiting: until they choose, the first source (newest list
  // first) that has anything for a form, not a list they have not started (an import sorts first).
  // Each list's items are looked at once, grouped by list first: with the first list that has anything
  // far down (many lists, 10,000 items), counting every list over all the items for every form was a
  // pass per list and form (scripts/bench/reports-screen.ts, ADR 035).
  const firstWaiting = useMemo(() => {
    if (!data) return undefined;
    const byList = new Map<string, (typeof data.items)[number][]>();
    for (const item of data.items) {
      const group = byList.get(item.listId);
      if (group) group.push(item);
      else byList.set(item.listId, [item]);
    }
    return sources.find((s) => {
      const items = s.scope.kind === 'list' ? (byList.get(s.scope.listId) ?? []) : data.items;
      return REPORT_FORMS.some(
        (f) => countWaiting({ form: f, scope: s.scope, items, reportedItemIds: data.reported }) > 0,
      );
    });
  }, [data, sources]);

  if (!data) return <p>{t('app.loading')}</p>;
  const source = sources.find((s) => s.value === sourceValue) ?? firstWaiting ?? sources[0];
  const parties = {
    office: { code: data.session?.office.code ?? '', name: data.session?.office.name ?? '' },
    insurer: { name: data.session?.insurer.name ?? '', number: data.session?.insurer.number ?? '' },
    clerk: data.clerk ?? { name: '', phone: '' },
  };
  const attempt = (f: ReportForm) =>
    source
      ? buildReport({ ...parties, form: f, scope: source.scope, items: data.items, reportedItemIds: data.reported })
      : ({ ok: false, reason: 'no_items' } as const);
  const available = (f: ReportForm) =>
    source ? countWaiting({ form: f, scope: source.scope, items: data.items, reportedItemIds: data.reported }) : 0;

  const build = async (event: FormEvent) => {
    event.preventDefault();
    const result = attempt(form);
    if (!result.ok) {
      setRefusal(result.reason);
      return;
    }
    setRefusal(null);
    const id = await saveDraft(db, result.report, source?.label ?? '');
    navigate(`/reports/${id}`);
  };

  return (
    <form className="report-section report-builder" onSubmit={build} aria-labelledby="builder-title" noValidate>
      <h2 id="builder-title">{t('reports.buildTitle')}</h2>
      <label className="field">
        <span>{t('reports.source')}</span>
        <select
          value={source?.value ?? ''}
          onChange={(e) => {
            setSourceValue(e.target.value);
            setRefusal(null);
          }}
        >
          {sources.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="form-choices">
        <legend>{t('reports.form')}</legend>
        {REPORT_FORMS.map((f) => (
          <label key={f} className="radio">
            <input
              type="radio"
              name="form"
              value={f}
              checked={form === f}
              onChange={() => {
                setForm(f);
                setRefusal(null);
              }}
            />
            {t('reports.formChoice', { form: t(`reports.forms.${f}`), count: available(f) })}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button primary">
        {t('reports.build')}
      </button>
      {refusal && (
        <p className="form-error" role="alert">
          {t(`reports.refusal.${refusal}`)}
        </p>
      )}
    </form>
  );
}
