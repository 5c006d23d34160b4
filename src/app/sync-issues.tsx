import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { db, type OutboxEntry } from '../db/db';
import { formatInstant } from '../domain/dates';
import { discardChange, retryChange } from '../sync/outbox-issues';
import { syncEngine } from '../sync/sync-service';
import './sync.css';

const KNOWN_REASONS = new Set([
  'item_not_found',
  'item_withdrawn',
  'member_not_found',
  'item_in_report',
  'report_item_not_found',
  'report_item_not_ready',
  'report_item_reported',
  'report_list_not_found',
  'report_exists',
  'validation_failed',
  'payload_too_large',
]);

function IssueRow({ entry }: { entry: OutboxEntry }) {
  const { t, i18n } = useTranslation();
  const item = useLiveQuery(() => (entry.itemId ? db.items.get(entry.itemId) : undefined), [entry.itemId]);
  const name = item?.person.name ?? t('syncIssues.unknownItem');
  const reason = KNOWN_REASONS.has(entry.reason ?? '') ? (entry.reason as string) : 'other';
  return (
    <li>
      <p className="what">{t(`syncIssues.change.${entry.mutation.type}`, { name })}</p>
      <p>{t('syncIssues.madeAt', { time: formatInstant(entry.mutation.at, i18n.language) })}</p>
      <p className="why">{t(`syncIssues.reason.${reason}`)}</p>
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          onClick={async () => {
            await retryChange(db, entry.seq as number);
            void syncEngine.syncNow();
          }}
        >
          {t('syncIssues.retry')}
        </button>
        <button
          type="button"
          className="button warning"
          onClick={async () => {
            await discardChange(db, entry.seq as number);
            void syncEngine.syncNow();
          }}
        >
          {t('syncIssues.discard')}
        </button>
      </div>
    </li>
  );
}

/**
 * Issues shown at first and added per "show more": each row reads its item, so 10,000 refused changes
 * rendered at once were 10,000 live queries (ADR 018).
 */
export const ISSUE_PAGE = 50;

/** Changes the insurer's server refused, each with its reason in plain words and a way out. */
export function SyncIssuesPanel({ entries, onClose }: { entries: OutboxEntry[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(ISSUE_PAGE);
  return (
    <section id="sync-issues" className="sync-issues" aria-labelledby="sync-issues-title">
      <h2 id="sync-issues-title">{t('syncIssues.title')}</h2>
      <p>{t('syncIssues.intro')}</p>
      <ul>
        {entries.slice(0, shown).map((entry) => (
          <IssueRow key={entry.seq} entry={entry} />
        ))}
      </ul>
      {entries.length > shown && (
        <button type="button" className="button secondary" onClick={() => setShown(shown + ISSUE_PAGE)}>
          {t('syncIssues.showMore', {
            count: Math.min(ISSUE_PAGE, entries.length - shown),
            rest: entries.length - shown,
          })}
        </button>
      )}
      <button type="button" className="button secondary" onClick={onClose}>
        {t('syncIssues.close')}
      </button>
    </section>
  );
}
