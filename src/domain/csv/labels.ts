import type { DocumentKind, RecallReason, Relation } from '../recall';
import { normaliseHeader } from './columns';

/**
 * Cell values for the coded columns. The first label of each is the one we document and write on
 * export, so an exported list imports again unchanged; the others are spellings insurers use.
 */
export const REASON_LABELS: Readonly<Record<RecallReason, readonly string[]>> = {
  got_myna: ['マイナ保険証取得', 'マイナ保険証', 'マイナ保険証保有', 'got_myna'],
  // Insurers' own wordings for the same reasons (issue 17's file), mapped without asking:
  // 被扶養者削除 — seed 001 「資格喪失者及び扶養からの削除において…」: a dependant taken off the
  // insurance loses eligibility like a member who leaves (DOMAIN.md: "dependant removed").
  lost_eligibility: ['資格喪失', '喪失', '被扶養者削除', '扶養からの削除', '扶養削除', '退職', 'lost_eligibility'],
  // 新しい資格確認書の交付 — seed 003 「交付年月日をご確認いただき、新しい日付のものを使用してください。
  // なお、古い日付のものについては…ご返却ください」: the older certificate is superseded.
  superseded: ['新しい資格確認書', '新資格確認書', '再交付', '新しい資格確認書の交付', 'superseded'],
  // 健康保険証（令和7年12月1日以前喪失） — seed 001 「令和6年12月2日から令和7年12月1日までに退職等を
  // して資格喪失した方の健康保険証は回収する必要があります」 (and its table: 返却「令和7年12月1日以前
  // 資格喪失の場合」): the old card. Labels are folded like headers, so （）, full-width digits and
  // spaces need no spelling of their own.
  old_card: [
    '旧保険証',
    '健康保険証',
    '健康保険証（令和7年12月1日以前喪失）',
    '健康保険証（令和7年12月1日以前資格喪失）',
    'old_card',
  ],
  not_enrolled: ['資格なし', '未加入', 'not_enrolled'],
  name_changed: ['氏名変更', 'name_changed'],
};

export const DOCUMENT_KIND_LABELS: Readonly<Record<DocumentKind, readonly string[]>> = {
  certificate: ['資格確認書', '確認書', 'certificate'],
  old_card: ['健康保険証', '保険証', '被保険者証', '旧保険証', 'old_card'],
};

export const RELATION_LABELS: Readonly<Record<Relation, readonly string[]>> = {
  // Seed 001's 資格確認書 prints 「本人(被保険者)」; insurers' lists write 本人 / 家族.
  self: ['本人', '被保険者', '本人(被保険者)', 'self'],
  dependant: ['家族', '被扶養者', '家族(被扶養者)', '被扶養者(家族)', 'dependant', 'dependent'],
};

export const SEX_LABELS: Readonly<Record<'male' | 'female', readonly string[]>> = {
  // 1 = 男, 2 = 女 is the code used in Japanese social-insurance data; seed 001's 資格確認書 prints 「性別 男」.
  male: ['男', '男性', 'm', 'male', '1'],
  female: ['女', '女性', 'f', 'female', '2'],
};

/** Cell text → code, folding width, case, spaces and brackets the way headers are folded. */
export function labelLookup<K extends string>(
  labels: Readonly<Record<K, readonly string[]>>,
): (cell: string) => K | null {
  const byLabel = new Map<string, K>();
  for (const [code, list] of Object.entries(labels) as [K, readonly string[]][])
    for (const label of list) byLabel.set(normaliseHeader(label), code);
  // Every row repeats the same few spellings: fold each once (a bounded memo, so a hostile file of
  // endless distinct values cannot grow it).
  const seen = new Map<string, K | null>();
  return (cell) => {
    let code = seen.get(cell);
    if (code === undefined) {
      code = byLabel.get(normaliseHeader(cell)) ?? null;
      if (seen.size < 1000) seen.set(cell, code);
    }
    return code;
  };
}

export function labelFor<K extends string>(labels: Readonly<Record<K, readonly string[]>>, code: K): string {
  return labels[code][0] ?? code;
}
