import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Person } from '../../api/schemas';
import { db, getMeta, type LocalItem } from '../../db/db';
import { recordHrEvent } from '../../db/hr-events';
import { useInsurerKind } from '../../db/use-insurer-kind';
import { formatCalendarDate, localToday } from '../../domain/dates';
import { type HouseholdPerson, planHrEvent, seventyFifthBirthday } from '../../domain/hr-events';
import { type DocumentKind, HR_EVENTS, type HrEvent, type Relation } from '../../domain/recall';
import { filingFor, type RecallRoute } from '../../domain/recall-route';
import { buildSearchKey, matchesTerms, prepareQuery } from '../../domain/search-normalise';
import './hr-events.css';

/** A member the tablet knows from a list, with the newest document it has seen for them. */
type KnownMember = {
  memberId: string;
  householdId: string;
  relation: Relation;
  person: Person;
  preferredLanguage: LocalItem['preferredLanguage'];
  document: { kind: DocumentKind; issueNo: string; issuedOn: string; expiresOn: string | null } | null;
  searchKey: string;
};

type Holding = { holds: DocumentKind | 'none'; issueNo: string; issuedOn: string; expiresOn: string };

type TypedPerson = Omit<Person, 'insuredName'> & { relation: Relation };

const EMPTY_TYPED: TypedPerson = {
  name: '',
  kana: '',
  birthDate: '',
  sex: 'male',
  symbol: '',
  number: '',
  branch: '00',
  relation: 'self',
};

async function knownMembers(): Promise<KnownMember[]> {
  const items = await db.items.toArray();
  const byMember = new Map<string, KnownMember>();
  // Newest issue first, so each member keeps the certificate they hold now.
  items.sort((a, b) => (a.issuedOn < b.issuedOn ? 1 : a.issuedOn > b.issuedOn ? -1 : 0));
  for (const item of items) {
    if (byMember.has(item.memberId)) continue;
    byMember.set(item.memberId, {
      memberId: item.memberId,
      householdId: item.householdId,
      relation: item.relation,
      person: item.person,
      preferredLanguage: item.preferredLanguage,
      document: { kind: item.documentKind, issueNo: item.issueNo, issuedOn: item.issuedOn, expiresOn: item.expiresOn },
      searchKey: buildSearchKey([
        item.person.name,
        item.person.kana,
        `${item.person.symbol}-${item.person.number}`,
        item.issueNo,
      ]),
    });
  }
  return [...byMember.values()];
}

/**
 * Records an HR event on the tablet, offline (issue 14): the clerk says what happened and to whom,
 * confirms what the household holds, sees which documents the office must collect (with their route
 * and the 届's due date) and which it only tells the member about, then records it.
 */
export function HrEventPage() {
  const { t, i18n } = useTranslation();
  const kind = useInsurerKind();
  const members = useLiveQuery(knownMembers, []);
  const [event, setEvent] = useState<HrEvent>('retired');
  const [query, setQuery] = useState('');
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [typing, setTyping] = useState(false);
  const [typed, setTyped] = useState<TypedPerson>(EMPTY_TYPED);
  const [eventDate, setEventDate] = useState('');
  const [holdings, setHoldings] = useState<Record<string, Holding>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [saved, setSaved] = useState<{ listId: string; count: number } | null>(null);
  const [saving, setSaving] = useState(false);
  // A typed-in person gets ids of their own once, so the form can be corrected without making new ones.
  const typedIds = useRef({ memberId: `om-${crypto.randomUUID()}`, householdId: `oh-${crypto.randomUUID()}` });
  const formId = useId();
  const today = localToday();

  const chosen = members?.find((m) => m.memberId === chosenId) ?? null;
  const subject = typing
    ? { memberId: typedIds.current.memberId, relation: typed.relation }
    : chosen
      ? { memberId: chosen.memberId, relation: chosen.relation }
      : null;
  const household: KnownMember[] = typing
    ? []
    : chosen
      ? (members ?? [])
          .filter((m) => m.householdId === chosen.householdId)
          .sort((a, b) => a.person.branch.localeCompare(b.person.branch))
      : [];

  const holdingOf = (memberId: string, known: KnownMember | null): Holding =>
    holdings[memberId] ?? {
      holds: known?.document?.kind ?? 'certificate',
      issueNo: known?.document?.issueNo ?? '',
      issuedOn: known?.document?.issuedOn ?? '',
      expiresOn: known?.document?.expiresOn ?? '',
    };
  const people: { memberId: string; relation: Relation; name: string; known: KnownMember | null }[] = typing
    ? [{ memberId: typedIds.current.memberId, relation: typed.relation, name: typed.name, known: null }]
    : household.map((m) => ({ memberId: m.memberId, relation: m.relation, name: m.person.name, known: m }));

  const matches = useMemo(() => {
    const terms = prepareQuery(query);
    if (!members || terms.length === 0) return [];
    return members.filter((m) => matchesTerms(m.searchKey, terms)).slice(0, 8);
  }, [members, query]);

  const plan =
    subject && /^\d{4}-\d{2}-\d{2}$/.test(eventDate)
      ? planHrEvent({
          event,
          eventDate,
          subject,
          household: people.map(
            (p): HouseholdPerson => ({
              memberId: p.memberId,
              relation: p.relation,
              holds: holdingOf(p.memberId, p.known).holds,
              expiresOn: holdingOf(p.memberId, p.known).expiresOn || null,
            }),
          ),
          kind,
          today,
        })
      : null;
  const nameOf = (memberId: string) => people.find((p) => p.memberId === memberId)?.name ?? '';
  const routeText = (route: RecallRoute) =>
    route === 'attach_to_filing'
      ? t(
          `route.attach_to_filing_${filingFor({ reason: event === 'name_changed' ? 'name_changed' : 'lost_eligibility', hrEvent: event })}`,
        )
      : t(`route.${route}`);

  const chooseEvent = (next: HrEvent) => {
    setEvent(next);
    // The 75th birthday follows from the date of birth the tablet knows.
    const birth = typing ? typed.birthDate : chosen?.person.birthDate;
    if (next === 'age_75' && birth && /^\d{4}-\d{2}-\d{2}$/.test(birth)) setEventDate(seventyFifthBirthday(birth));
  };

  const submit = async () => {
    if (!plan || !subject) return;
    const lacking: string[] = [];
    if (!eventDate) lacking.push(t(`hrEvent.eventDate.${event}`));
    if (typing) {
      if (!typed.name.trim()) lacking.push(t('hrEvent.name'));
      if (!typed.birthDate) lacking.push(t('hrEvent.birthDate'));
    }
    for (const doc of plan.collected) {
      const holding = holdingOf(doc.memberId, people.find((p) => p.memberId === doc.memberId)?.known ?? null);
      if (!holding.issuedOn) lacking.push(`${nameOf(doc.memberId)}：${t('hrEvent.issuedOn')}`);
    }
    setMissing(lacking);
    if (lacking.length > 0 || plan.collected.length === 0) return;
    const session = await getMeta('session');
    if (!session) return;
    setSaving(true);
    try {
      const result = await recordHrEvent(db, {
        officeId: session.office.id,
        event,
        eventDate,
        items: plan.collected.map((doc) => {
          const person = people.find((p) => p.memberId === doc.memberId);
          const holding = holdingOf(doc.memberId, person?.known ?? null);
          const known = person?.known ?? null;
          return {
            ...doc,
            householdId: known?.householdId ?? typedIds.current.householdId,
            issueNo: holding.holds === 'certificate' ? holding.issueNo.trim() : '',
            issuedOn: holding.issuedOn,
            expiresOn: holding.expiresOn || null,
            preferredLanguage: known?.preferredLanguage ?? 'ja',
            person: known
              ? known.person
              : {
                  name: typed.name.trim(),
                  kana: typed.kana.trim(),
                  birthDate: typed.birthDate,
                  sex: typed.sex,
                  symbol: typed.symbol.trim(),
                  number: typed.number.trim(),
                  branch: typed.branch.padStart(2, '0'),
                  insuredName: typed.relation === 'self' ? typed.name.trim() : '',
                },
          };
        }),
      });
      setSaved({ listId: result.listId, count: result.itemIds.length });
    } finally {
      setSaving(false);
    }
  };

  if (saved) {
    return (
      <section className="hr-event" aria-labelledby={`${formId}-done`}>
        <h1 id={`${formId}-done`}>{t('hrEvent.title')}</h1>
        <p role="status" className="hr-saved">
          {t('hrEvent.saved', { count: saved.count })}
        </p>
        <div className="page-actions">
          <Link className="button primary link-button" to={`/lists/${saved.listId}`}>
            {t('hrEvent.openList')}
          </Link>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setSaved(null);
              setChosenId(null);
              setTyping(false);
              setTyped(EMPTY_TYPED);
              setEventDate('');
              setHoldings({});
              setQuery('');
              typedIds.current = { memberId: `om-${crypto.randomUUID()}`, householdId: `oh-${crypto.randomUUID()}` };
            }}
          >
            {t('hrEvent.another')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="hr-event" aria-labelledby={`${formId}-title`}>
      <h1 id={`${formId}-title`}>{t('hrEvent.title')}</h1>
      <p>{t('hrEvent.intro')}</p>

      <fieldset className="hr-events-choice">
        <legend>{t('hrEvent.event')}</legend>
        {HR_EVENTS.map((value) => (
          <label key={value} className="radio big">
            <input
              type="radio"
              name={`${formId}-event`}
              checked={event === value}
              onChange={() => chooseEvent(value)}
            />
            {t(`hrEvent.events.${value}`)}
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('hrEvent.who')}</legend>
        {!typing && chosen && (
          <p className="hr-picked">
            {t('hrEvent.picked', { name: chosen.person.name })}{' '}
            <button type="button" className="button secondary" onClick={() => setChosenId(null)}>
              {t('hrEvent.change')}
            </button>
          </p>
        )}
        {!typing && !chosen && (
          <>
            <label className="field">
              <span>{t('hrEvent.search')}</span>
              <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
            </label>
            {/* Until every item is read, "not found" would be untrue: the search says it is still reading. */}
            {query.trim() !== '' && !members && <p role="status">{t('app.loading')}</p>}
            {query.trim() !== '' && members && matches.length === 0 && <p>{t('hrEvent.noMatch')}</p>}
            <ul className="hr-matches" data-query={query}>
              {matches.map((m) => (
                <li key={m.memberId}>
                  <button type="button" className="button secondary" onClick={() => setChosenId(m.memberId)}>
                    {t('hrEvent.pick', { name: m.person.name, relation: t(`relation.${m.relation}`) })}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="button secondary" onClick={() => setTyping(true)}>
              {t('hrEvent.typeIn')}
            </button>
          </>
        )}
        {typing && (
          <div className="hr-typed">
            <TextField label={t('hrEvent.name')} value={typed.name} onChange={(name) => setTyped({ ...typed, name })} />
            <TextField label={t('hrEvent.kana')} value={typed.kana} onChange={(kana) => setTyped({ ...typed, kana })} />
            <TextField
              label={t('hrEvent.birthDate')}
              type="date"
              value={typed.birthDate}
              onChange={(birthDate) => setTyped({ ...typed, birthDate })}
            />
            <label className="field">
              <span>{t('hrEvent.sex')}</span>
              <select value={typed.sex} onChange={(e) => setTyped({ ...typed, sex: e.target.value as Person['sex'] })}>
                <option value="male">{t('hrEvent.male')}</option>
                <option value="female">{t('hrEvent.female')}</option>
              </select>
            </label>
            <label className="field">
              <span>{t('hrEvent.relation')}</span>
              <select
                value={typed.relation}
                onChange={(e) => setTyped({ ...typed, relation: e.target.value as Relation })}
              >
                <option value="self">{t('relation.self')}</option>
                <option value="dependant">{t('relation.dependant')}</option>
              </select>
            </label>
            <TextField
              label={t('hrEvent.symbol')}
              value={typed.symbol}
              onChange={(symbol) => setTyped({ ...typed, symbol })}
            />
            <TextField
              label={t('hrEvent.number')}
              value={typed.number}
              onChange={(number) => setTyped({ ...typed, number })}
            />
            <TextField
              label={t('hrEvent.branch')}
              value={typed.branch}
              inputMode="numeric"
              onChange={(branch) => setTyped({ ...typed, branch: branch.replace(/\D/g, '').slice(0, 2) })}
            />
            <button type="button" className="button secondary" onClick={() => setTyping(false)}>
              {t('hrEvent.cancel')}
            </button>
          </div>
        )}
      </fieldset>

      {subject && (
        <>
          <TextField label={t(`hrEvent.eventDate.${event}`)} type="date" value={eventDate} onChange={setEventDate} />
          <fieldset>
            <legend>{t('hrEvent.documents')}</legend>
            {people.map((p) => {
              const holding = holdingOf(p.memberId, p.known);
              const set = (change: Partial<Holding>) =>
                setHoldings({ ...holdings, [p.memberId]: { ...holding, ...change } });
              return (
                <div key={p.memberId} className="hr-person">
                  <p className="hr-person-name">
                    {p.name || t('hrEvent.name')}（{t(`relation.${p.relation}`)}）
                  </p>
                  <label className="field">
                    <span>{t('hrEvent.holdsFor', { name: p.name })}</span>
                    <select value={holding.holds} onChange={(e) => set({ holds: e.target.value as Holding['holds'] })}>
                      {(['certificate', 'old_card', 'none'] as const).map((value) => (
                        <option key={value} value={value}>
                          {t(`hrEvent.holds.${value}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {holding.holds === 'certificate' && (
                    <div className="hr-certificate">
                      <TextField
                        label={t('hrEvent.issueNo')}
                        value={holding.issueNo}
                        onChange={(issueNo) => set({ issueNo })}
                      />
                      <TextField
                        label={t('hrEvent.issuedOn')}
                        type="date"
                        value={holding.issuedOn}
                        onChange={(issuedOn) => set({ issuedOn })}
                      />
                      <TextField
                        label={t('hrEvent.expiresOn')}
                        type="date"
                        value={holding.expiresOn}
                        onChange={(expiresOn) => set({ expiresOn })}
                      />
                    </div>
                  )}
                  {holding.holds === 'old_card' && (
                    <TextField
                      label={t('hrEvent.issuedOn')}
                      type="date"
                      value={holding.issuedOn}
                      onChange={(issuedOn) => set({ issuedOn })}
                    />
                  )}
                </div>
              );
            })}
          </fieldset>
        </>
      )}

      {plan && (
        <section className="hr-preview" aria-live="polite">
          <h2>{t('hrEvent.preview')}</h2>
          {plan.collected.length === 0 ? (
            <p>{t('hrEvent.nothingToCollect')}</p>
          ) : (
            <ul>
              {plan.collected.map((doc) => (
                <li key={doc.memberId} data-route={doc.route}>
                  <strong>{nameOf(doc.memberId)}</strong> {t(`document.${doc.documentKind}`)}：{routeText(doc.route)}
                  <br />
                  {t('hrEvent.lossDate', { date: formatCalendarDate(doc.lossDate, i18n.language) })}／
                  {t('hrEvent.due', { date: formatCalendarDate(doc.dueDate, i18n.language) })}
                </li>
              ))}
            </ul>
          )}
          {plan.notCollected.length > 0 && (
            <>
              <h3>{t('hrEvent.notCollected')}</h3>
              <ul>
                {plan.notCollected.map((doc) => (
                  <li key={doc.memberId} data-route={doc.route}>
                    <strong>{nameOf(doc.memberId)}</strong> {t(`document.${doc.documentKind}`)}：{routeText(doc.route)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {missing.length > 0 && (
        <p role="alert" className="error">
          {t('hrEvent.missing', { fields: missing.join('、') })}
        </p>
      )}
      <div className="page-actions">
        <button
          type="button"
          className="button primary"
          disabled={!plan || plan.collected.length === 0 || saving}
          onClick={() => void submit()}
        >
          {t('hrEvent.submit')}
        </button>
        <Link className="button secondary link-button" to="/">
          {t('hrEvent.cancel')}
        </Link>
      </div>
    </section>
  );
}

function TextField({
  label,
  value,
  onChange,
  type = 'text',
  inputMode,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date';
  inputMode?: 'numeric';
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type={type} value={value} inputMode={inputMode} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
