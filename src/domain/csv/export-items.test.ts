import { describe, expect, it } from 'vitest';
import { toExcelCsvBytes } from './export';
import { type ExportableItem, exportHeaders, exportRows, STATUS_HEADERS } from './export-items';
import { parseRecallCsv } from './import-csv';

const item: ExportableItem = {
  issueNo: '100000002',
  relation: 'dependant',
  documentKind: 'certificate',
  reason: 'lost_eligibility',
  issuedOn: '2024-12-02',
  expiresOn: '2029-12-01',
  dueDate: '2025-12-06',
  status: 'unreturnable',
  returnedAt: null,
  returnMethod: null,
  unreturnableKind: 'lost',
  unreturnableReason: '=本人が紛失',
  person: {
    name: '山﨑 花子',
    kana: 'ヤマサキ ハナコ',
    birthDate: '1980-04-01',
    sex: 'female',
    symbol: '5115',
    number: '554',
    branch: '01',
    insuredName: '髙橋 一郎',
  },
};

describe('exportRows', () => {
  it('writes the import columns then the status columns', () => {
    const [header, row] = exportRows([item]);
    expect(header).toEqual(exportHeaders());
    expect(header?.slice(0, 3)).toEqual(['発行No.', '記号', '番号']);
    expect(header?.slice(-STATUS_HEADERS.length)).toEqual([...STATUS_HEADERS]);
    expect(row).toEqual([
      '100000002',
      '5115',
      '554',
      '01',
      '山﨑 花子',
      'ヤマサキ ハナコ',
      '1980-04-01',
      '女',
      '家族',
      '髙橋 一郎',
      '資格確認書',
      '資格喪失',
      '',
      '2024-12-02',
      '2029-12-01',
      '2025-12-06',
      '回収不能',
      '',
      '',
      '滅失届',
      '=本人が紛失',
    ]);
  });

  it('round-trips through the importer', () => {
    const returned: ExportableItem = {
      ...item,
      issueNo: '100000001',
      relation: 'self',
      reason: 'got_myna',
      status: 'returned',
      returnedAt: '2025-12-03T01:00:00Z',
      returnMethod: 'hand',
      unreturnableKind: null,
      unreturnableReason: null,
      person: { ...item.person, name: '髙橋 一郎', kana: 'タカハシ イチロウ', sex: 'male', branch: '00' },
    };
    const result = parseRecallCsv(toExcelCsvBytes(exportRows([returned, item])), { today: '2025-12-15' });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.rows.map(({ row, line, lossDate, ...rest }) => rest)).toEqual(
      [returned, item].map((i) => ({
        issueNo: i.issueNo,
        person: i.person,
        relation: i.relation,
        documentKind: i.documentKind,
        reason: i.reason,
        issuedOn: i.issuedOn,
        expiresOn: i.expiresOn,
        dueDate: i.dueDate,
      })),
    );
  });
});
