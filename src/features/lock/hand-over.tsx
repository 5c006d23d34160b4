import { useMutation } from '@tanstack/react-query';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mutation } from '../../api/schemas';
import { db } from '../../db/db';
import { wipeDevice } from '../../db/wipe';
import { api, syncEngine } from '../../sync/sync-service';
import { announce } from './lock-channel';
import { losesNothing, unsyncedSummary } from './unsynced';

type Props = {
  /** Signing out / handing over, or starting again after a forgotten passcode. */
  mode: 'sign-out' | 'forgot';
  onCancel?: () => void;
};

const TYPES: Mutation['type'][] = [
  'item.returned',
  'item.reopened',
  'item.unreturnable',
  'member.language_set',
  'notice.delivered',
  'office_profile.updated',
];

/**
 * Wipes the tablet: offers to send what is unsent first, says exactly what would be lost and asks
 * for an explicit yes, revokes the token on the server (or says it could not), then deletes the
 * database, cached API answers and the token and starts again at sign-in.
 */
export function HandOver({ mode, onCancel }: Props) {
  const { t } = useTranslation();
  const confirmId = useId();
  const summary = useLiveQuery(() => unsyncedSummary(db), []);
  const [understood, setUnderstood] = useState(false);
  const [revokeFailed, setRevokeFailed] = useState(false);
  const [wiping, setWiping] = useState(false);
  const sync = useMutation({ mutationFn: () => syncEngine.syncNow(), networkMode: 'always' });

  if (!summary) return null;
  const clean = losesNothing(summary);

  const wipe = async () => {
    setWiping(true);
    await wipeDevice(db);
    announce({ type: 'wiped' });
    // A fresh page: nothing decrypted stays in this tab's memory.
    window.location.replace('/sign-in');
  };
  const revokeThenWipe = async () => {
    setWiping(true);
    try {
      await api.signOut();
    } catch {
      setWiping(false);
      setRevokeFailed(true);
      return;
    }
    await wipe();
  };

  return (
    <div className="hand-over">
      <p>{t(mode === 'forgot' ? 'lock.forgot.lead' : 'lock.handOver.lead')}</p>
      {clean ? (
        <p className="hand-over-ok">{t('lock.handOver.nothingUnsent')}</p>
      ) : (
        <div className="hand-over-warning" data-testid="unsynced-warning">
          {summary.pending > 0 && (
            <>
              <p>
                <strong>{t('lock.handOver.unsent', { count: summary.pending })}</strong>
              </p>
              <ul>
                {TYPES.filter((type) => summary.byType[type]).map((type) => (
                  <li key={type}>{t(`lock.handOver.types.${type}`, { count: summary.byType[type] })}</li>
                ))}
              </ul>
            </>
          )}
          {summary.rejected > 0 && <p>{t('lock.handOver.rejected', { count: summary.rejected })}</p>}
          {summary.importedLists.map((list) => (
            <p key={list.title}>{t('lock.handOver.imported', { title: list.title, count: list.items })}</p>
          ))}
          {summary.pending > 0 && (
            <button
              type="button"
              className="button primary"
              onClick={() => sync.mutate()}
              disabled={sync.isPending || wiping}
            >
              {sync.isPending ? t('status.syncing') : t('lock.handOver.sendFirst')}
            </button>
          )}
          {sync.data && !sync.data.ok && (
            <p className="form-error" role="alert">
              {t('lock.handOver.sendFailed')}
            </p>
          )}
          <label className="check">
            <input
              id={confirmId}
              type="checkbox"
              checked={understood}
              onChange={(event) => setUnderstood(event.target.checked)}
            />
            <span>{t('lock.handOver.understood')}</span>
          </label>
        </div>
      )}
      {revokeFailed ? (
        <div className="hand-over-warning" role="alert">
          <p>{t('lock.handOver.revokeFailed')}</p>
          <button type="button" className="button danger" onClick={() => void wipe()} disabled={wiping}>
            {t('lock.handOver.wipeAnyway')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button danger wide"
          onClick={() => void revokeThenWipe()}
          disabled={wiping || (!clean && !understood)}
        >
          {t(mode === 'forgot' ? 'lock.forgot.wipe' : 'lock.handOver.wipe')}
        </button>
      )}
      {onCancel && (
        <button type="button" className="button secondary wide" onClick={onCancel} disabled={wiping}>
          {t('lock.handOver.cancel')}
        </button>
      )}
    </div>
  );
}
