import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { type Dispatch, memo, type SetStateAction, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeDelivery } from '../../db/db';
import { formatCalendarDate } from '../../domain/dates';
import type { Recipient } from '../../domain/notices/recipients';
import { Told } from './delivery-history';
import { MemberLanguagePicker } from './member-language-picker';

/** A row on a wide screen; narrow screens wrap it to about twice that, and rows measure themselves. */
const ROW_HEIGHT = 72;
/** The gap between rows, in px (the list's gap of 0.5rem, which absolutely placed rows cannot use). */
const ROW_GAP = 8;

type Props = {
  recipients: Recipient[];
  selected: ReadonlySet<string>;
  openId: string | null;
  languageOf: (memberId: string) => string;
  lastDeliveryOf: (memberId: string) => NoticeDelivery | undefined;
  onToggle: (memberId: string) => void;
  onOpen: (memberId: string) => void;
  onLanguage: (recipient: Recipient, language: string) => void;
};

/**
 * The recipients the filter shows. Only the rows on screen are in the DOM (the checklist's
 * approach, ADR 018), so 10,000 members open, scroll and tick like 20.
 */
export const RecipientList = memo(function RecipientList({
  recipients,
  selected,
  openId,
  languageOf,
  lastDeliveryOf,
  onToggle,
  onOpen,
  onLanguage,
}: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  // The one language list on the screen, and whose it is.
  const [languageOpenFor, setLanguageOpenFor] = useState<string | null>(null);
  const virtualizer = useWindowVirtualizer({
    count: recipients.length,
    estimateSize: () => ROW_HEIGHT,
    gap: ROW_GAP,
    overscan: 6,
    scrollMargin: listRef.current?.offsetTop ?? 0,
    getItemKey: (index) => recipients[index]?.memberId ?? index,
  });

  return (
    <ul
      ref={listRef}
      className="recipients virtual"
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      {virtualizer.getVirtualItems().map((virtual) => {
        const recipient = recipients[virtual.index];
        if (!recipient) return null;
        return (
          <li
            key={virtual.key}
            ref={virtualizer.measureElement}
            data-index={virtual.index}
            className="recipient"
            data-member-id={recipient.memberId}
            style={{
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              transform: `translateY(${virtual.start - virtualizer.options.scrollMargin}px)`,
            }}
          >
            <RecipientRow
              recipient={recipient}
              checked={selected.has(recipient.memberId)}
              open={openId === recipient.memberId}
              language={languageOf(recipient.memberId)}
              languageOpen={languageOpenFor === recipient.memberId}
              lastDelivery={lastDeliveryOf(recipient.memberId)}
              onToggle={onToggle}
              onOpen={onOpen}
              onLanguageOpen={setLanguageOpenFor}
              onLanguage={onLanguage}
            />
          </li>
        );
      })}
    </ul>
  );
});

type RowProps = {
  recipient: Recipient;
  checked: boolean;
  open: boolean;
  language: string;
  languageOpen: boolean;
  lastDelivery: NoticeDelivery | undefined;
  onToggle: (memberId: string) => void;
  onOpen: (memberId: string) => void;
  onLanguageOpen: Dispatch<SetStateAction<string | null>>;
  onLanguage: (recipient: Recipient, language: string) => void;
};

/** One member: tick for printing, return-by date, notice language, last delivery, open. */
const RecipientRow = memo(function RecipientRow({
  recipient,
  checked,
  open,
  language,
  languageOpen,
  lastDelivery,
  onToggle,
  onOpen,
  onLanguageOpen,
  onLanguage,
}: RowProps) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <label className="notices-check recipient-who">
        <input type="checkbox" checked={checked} onChange={() => onToggle(recipient.memberId)} />
        <span>
          <span className="recipient-name">{recipient.name}</span>
          <span className="recipient-kana">{recipient.kana}</span>
        </span>
      </label>
      <span className="recipient-due">
        {t('notices.returnBy', { date: formatCalendarDate(recipient.returnBy, i18n.language) })}
      </span>
      <span className="recipient-language">
        <MemberLanguagePicker
          name={recipient.name}
          language={language}
          open={languageOpen}
          onOpen={() => onLanguageOpen(recipient.memberId)}
          // A late blur of this list must not close another row's.
          onClose={() => onLanguageOpen((current) => (current === recipient.memberId ? null : current))}
          onChange={(next) => onLanguage(recipient, next)}
        />
      </span>
      <span className="recipient-told" data-testid="told">
        {lastDelivery ? <Told delivery={lastDelivery} /> : t('notices.notTold')}
      </span>
      <button
        type="button"
        className="button secondary"
        aria-label={t('notices.openFor', { name: recipient.name })}
        aria-expanded={open}
        onClick={() => onOpen(recipient.memberId)}
      >
        {t('notices.open')}
      </button>
    </>
  );
});
