import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeKey } from '../../api/schemas';
import type { LocalList } from '../../db/db';
import { NOTICE_KEY_LIST } from '../../domain/notices/keys';

type Props = {
  noticeKey: NoticeKey;
  onNoticeKey: (key: NoticeKey) => void;
  lists: LocalList[];
  listId: string;
  onListId: (listId: string) => void;
  onlyToCollect: boolean;
  onOnlyToCollect: (only: boolean) => void;
};

/** Which notice, and whom it is for: the list and whether only those still to collect. */
export function NoticesToolbar({
  noticeKey,
  onNoticeKey,
  lists,
  listId,
  onListId,
  onlyToCollect,
  onOnlyToCollect,
}: Props) {
  const { t } = useTranslation();
  const noticeId = useId();
  const listFieldId = useId();
  return (
    <div className="notices-toolbar">
      <div className="notices-field">
        <label htmlFor={noticeId}>{t('notices.noticeLabel')}</label>
        <select id={noticeId} value={noticeKey} onChange={(event) => onNoticeKey(event.target.value as NoticeKey)}>
          {NOTICE_KEY_LIST.map((key) => (
            <option key={key} value={key}>
              {t(`notices.keys.${key}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="notices-field">
        <label htmlFor={listFieldId}>{t('notices.listLabel')}</label>
        <select id={listFieldId} value={listId} onChange={(event) => onListId(event.target.value)}>
          <option value="">{t('notices.allLists')}</option>
          {lists.map((list) => (
            <option key={list.id} value={list.id}>
              {list.title}
            </option>
          ))}
        </select>
      </div>
      <label className="notices-check">
        <input type="checkbox" checked={onlyToCollect} onChange={(event) => onOnlyToCollect(event.target.checked)} />
        <span>{t('notices.onlyToCollect')}</span>
      </label>
    </div>
  );
}
