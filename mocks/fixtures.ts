import type { RecallItem, RecallList } from '../src/api/schemas';
import type { MockInsurer } from './handlers';

/** A small insurer state: one list with three items, names that exercise real data. */
export function mockInsurer(): MockInsurer {
  const list: RecallList = {
    id: 'list-2026-11',
    title: '2026年11月分 回収対象者リスト',
    period: '2026-11',
    receivedAt: '2026-11-02T00:00:00.000Z',
    source: 'insurer',
    version: 1,
  };
  const people: Array<[string, string, RecallItem['relation']]> = [
    ['髙橋 一郎', 'タカハシ イチロウ', 'self'],
    ['山﨑 花子', 'ヤマサキ ハナコ', 'dependant'],
    ['𠮷野 太郎', 'ヨシノ タロウ', 'self'],
  ];
  const items: RecallItem[] = people.map(([name, kana, relation], index) => ({
    id: `item-${index + 1}`,
    listId: list.id,
    memberId: `member-${index + 1}`,
    householdId: `household-${index + 1}`,
    relation,
    documentKind: 'certificate',
    reason: 'got_myna',
    holderReason: 'no_card_or_unregistered',
    issueNo: `100000000${index + 1}`,
    issuedOn: '2025-11-01',
    expiresOn: '2030-11-30',
    lossDate: null,
    noticeArrivedOn: null,
    hrEvent: null,
    dueDate: '2099-12-01',
    status: 'to_collect',
    returnedAt: null,
    returnMethod: null,
    unreturnableKind: null,
    unreturnableReason: null,
    statusChangedAt: null,
    withdrawn: false,
    preferredLanguage: 'ja',
    inReport: null,
    version: index + 2,
    person: {
      name,
      kana,
      birthDate: '1985-06-15',
      sex: 'female',
      symbol: '5021',
      number: String(100 + index),
      branch: relation === 'self' ? '00' : '01',
      insuredName: name,
    },
  }));
  return { lists: [list], items, pushes: [] };
}
