import { useTranslation } from 'react-i18next';
import { japaneseLeft } from '../../domain/notices/japanese-left';
import type { RenderedNotice } from '../../domain/notices/types';

/** Warns in the preview when a notice still carries Japanese its reader may not read (issue 16). */
export function JapaneseLeftWarning({ notice }: { notice: RenderedNotice | null }) {
  const { t } = useTranslation();
  if (!notice) return null;
  const left = japaneseLeft(notice);
  if (left.length === 0) return null;
  const key = notice.language === 'ja-easy' ? 'returnPlace.warningEasy' : 'returnPlace.warning';
  return (
    <p className="notices-warning" role="status">
      {t(key, { text: left.join('、') })}
    </p>
  );
}
