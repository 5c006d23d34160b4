import { noticeAsText } from '../../domain/notices/render';
import { rubyAsPlainText } from '../../domain/notices/ruby';
import type { RenderedNotice } from '../../domain/notices/types';
import { noticeImage } from './notice-image';

export type ShareOutcome = 'shared' | 'cancelled';

export function canShare(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.share === 'function';
}

/**
 * Shares a notice through the tablet's share sheet: the text, plus the notice as a picture where
 * the platform takes files (`navigator.canShare({ files })`).
 */
export async function shareNotice(notice: RenderedNotice, fileName: string): Promise<ShareOutcome> {
  const text = noticeAsText(notice);
  let files: File[] | undefined;
  try {
    const image = await noticeImage(notice);
    const file = image ? new File([image], fileName, { type: 'image/png' }) : null;
    if (file && navigator.canShare?.({ files: [file] })) files = [file];
  } catch {
    // The text alone is still worth sharing.
  }
  try {
    await navigator.share(
      files ? { title: rubyAsPlainText(notice.title), text, files } : { title: rubyAsPlainText(notice.title), text },
    );
    return 'shared';
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
    throw error;
  }
}

export async function copyNotice(notice: RenderedNotice): Promise<void> {
  await navigator.clipboard.writeText(noticeAsText(notice));
}
