/**
 * The labels each official form must print, and where each list comes from. official-forms.spec.ts
 * checks every label, and the value beside it, in the PDF's text (pdftotext).
 */

/** Every form names the office like this. Source: /work/shared/DOMAIN.md 「事業所 所在地・名称・事業主氏名・電話」; issue 15 (事業所整理記号・事業所番号, 郵便番号, a labelled 提出日). */
export const OFFICE_LABELS = [
  '事業所整理記号',
  '事業所番号',
  '事業所所在地',
  '事業所名称',
  '事業主氏名',
  '電話番号',
  '提出日',
];

/**
 * 協会けんぽ 健康保険資格確認書回収不能届 / 健康保険被保険者証回収不能届, one per 被保険者.
 * Source: /work/shared/DOMAIN.md, table "Two kinds of insurer, two routes", row "cannot collect"
 * (被保険者 記号・番号, 生年月日, 氏名; per person 氏名, 生年月日, 性別, 高齢受給者証 有無; reason); issue 15
 * (資格喪失年月日, 発行No., 交付年月日, 有効期限).
 */
export const KYOKAI_UNCOLLECTABLE_LABELS = [
  '被保険者証の記号',
  '被保険者証の番号',
  '被保険者氏名',
  '被保険者生年月日',
  '被保険者住所',
  '被保険者電話番号',
  '氏名',
  '生年月日',
  '性別',
  '発行No.',
  '交付年月日',
  '有効期限',
  '資格喪失年月日',
  '高齢受給者証',
  '回収できない理由',
  ...OFFICE_LABELS,
];

/** 協会けんぽ: the certificates attached to a 資格喪失届 (nenkin.go.jp 「資格確認書等の返納手続き」; issue 15 「which persons, how many of each kind」). */
export const KYOKAI_ATTACHMENT_LABELS = [
  '電子申請の到達番号',
  '添付する届書',
  '被保険者証の記号',
  '被保険者証の番号',
  '被保険者氏名',
  '資格確認書',
  '健康保険証',
  '発行No.',
  ...OFFICE_LABELS,
];

/** 健保組合 資格確認書回収連絡書: seed 000 (answers the monthly 回収対象者リスト with the count); issue 15 (its month, 事業所記号, counts per kind, one row per person). */
export const KUMIAI_RETURN_NOTICE_LABELS = [
  '回答する回収対象者リスト',
  '事業所記号',
  '資格確認書',
  '健康保険証',
  '合計',
  '返却日',
  ...OFFICE_LABELS,
];

/** 健保組合 回収不能届: seed 001 (the 組合's own 回収不能届 / 滅失届); issue 15 「with the same fields as above」. */
export const KUMIAI_UNCOLLECTABLE_LABELS = KYOKAI_UNCOLLECTABLE_LABELS;
