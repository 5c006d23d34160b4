import { useTranslation } from 'react-i18next';

/** "印刷の準備中 2,400 / 10,000 人分": shown while a large print's handouts are made. */
export function PrintProgress({
  progress,
  onCancel,
}: {
  progress: { done: number; total: number } | null;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  if (!progress) return null;
  const format = new Intl.NumberFormat(i18n.language);
  const text = t('notices.printPreparing', {
    done: format.format(progress.done),
    total: format.format(progress.total),
  });
  return (
    <div className="print-progress" role="status">
      <progress max={progress.total} value={progress.done} aria-label={text} />
      <span>{text}</span>
      <button type="button" className="button secondary" onClick={onCancel}>
        {t('notices.printCancel')}
      </button>
    </div>
  );
}
