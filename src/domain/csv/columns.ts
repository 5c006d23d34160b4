/**
 * The documented recall-list column format (docs/formats.md): Japanese headers as insurers write
 * them, plus English aliases. Headers are matched after folding width, case, spaces and punctuation,
 * so 「発行ＮＯ」, 「発行 No.」 and 「発行番号」 all find the issue number. Matching is exact after
 * folding, never by substring: 「番号」 must not grab 「発行番号」 or 「被保険者番号」.
 */
export const IMPORT_FIELDS = [
  'issueNo',
  'symbol',
  'number',
  'branch',
  'name',
  'kana',
  'birthDate',
  'sex',
  'relation',
  'insuredName',
  'documentKind',
  'reason',
  'lossDate',
  'issuedOn',
  'expiresOn',
  'dueDate',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * Optional columns and why they can be left out: 本人家族 follows from 枝番 (00 = 本人), 被保険者氏名
 * from 氏名 for 本人, 書類 from 回収理由 (旧保険証 → the old card), 期限 from the reason and dates
 * (due-dates.ts); 資格喪失日 is needed only for 資格喪失 and 有効期限 only for display.
 */
export const REQUIRED_FIELDS: readonly ImportField[] = [
  'issueNo',
  'symbol',
  'number',
  'branch',
  'name',
  'kana',
  'birthDate',
  'sex',
  'reason',
  'issuedOn',
];

/**
 * The first header of each field is the one we document and write on export. Spellings that differ
 * only in width, case, spaces or punctuation (発行NO, 本人・家族, 氏名（カナ）) need no entry.
 */
export const FIELD_HEADERS: Readonly<Record<ImportField, readonly string[]>> = {
  issueNo: ['発行No.', '発行番号', '交付番号', 'issueNo', 'issue number'],
  symbol: ['記号', '被保険者証記号', '被保険者等記号', '保険証記号', 'symbol'],
  number: ['番号', '被保険者証番号', '被保険者等番号', '保険証番号', 'number'],
  branch: ['枝番', '枝番号', '支番', 'branch', 'branch number'],
  name: ['氏名', '漢字氏名', '氏名(漢字)', '名前', 'name'],
  kana: ['フリガナ', 'カナ氏名', '氏名カナ', 'カナ', 'ふりがな', 'フリガナ氏名', 'kana', 'furigana'],
  birthDate: ['生年月日', 'birthDate', 'date of birth', 'dob'],
  sex: ['性別', 'sex', 'gender'],
  relation: ['本人家族', '続柄', '本人区分', 'relation'],
  insuredName: ['被保険者氏名', '被保険者名', 'insuredName'],
  documentKind: ['書類', '書類種別', '回収書類', 'documentKind', 'document'],
  reason: ['回収理由', '理由', 'reason'],
  lossDate: ['資格喪失日', '資格喪失年月日', '喪失日', '喪失年月日', 'lossDate'],
  issuedOn: ['交付年月日', '交付日', '発行日', '発行年月日', 'issuedOn', 'issue date'],
  expiresOn: ['有効期限', 'expiresOn', 'expiry date'],
  dueDate: ['期限', '回収期限', '返却期限', '提出期限', 'dueDate'],
};

export type ColumnMapping = Partial<Record<ImportField, number>>;

// Full-width → half-width (NFKC), case, and the spaces and punctuation people put around headers:
// 「発行 No.」「本人・家族」「氏名（カナ）」「＊記号」.
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.。・･/_\-()[\]【】「」*※:]/g, '');
}

const FIELD_BY_HEADER: ReadonlyMap<string, ImportField> = new Map(
  IMPORT_FIELDS.flatMap((field) => FIELD_HEADERS[field].map((h) => [normaliseHeader(h), field] as const)),
);

export type SuggestedMapping = {
  mapping: ColumnMapping;
  missing: ImportField[];
  /** Headers that matched no field; shown in the column-mapping step. */
  unknownColumns: number[];
};

/** The mapping found from the headers; when a field's header appears twice, the first column wins. */
export function suggestMapping(headers: readonly string[]): SuggestedMapping {
  const mapping: ColumnMapping = {};
  const unknownColumns: number[] = [];
  headers.forEach((header, index) => {
    const field = FIELD_BY_HEADER.get(normaliseHeader(header));
    if (field === undefined) unknownColumns.push(index);
    else if (mapping[field] === undefined) mapping[field] = index;
  });
  return { mapping, missing: missingFields(mapping), unknownColumns };
}

export function missingFields(mapping: ColumnMapping): ImportField[] {
  return REQUIRED_FIELDS.filter((field) => mapping[field] === undefined);
}

/** An explicit mapping from the column-mapping step must point at distinct, existing columns. */
export function isValidMapping(mapping: ColumnMapping, columnCount: number): boolean {
  const used = new Set<number>();
  for (const [field, index] of Object.entries(mapping)) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) return false;
    if (index === undefined) continue;
    if (!Number.isInteger(index) || index < 0 || index >= columnCount || used.has(index)) return false;
    used.add(index);
  }
  return true;
}
