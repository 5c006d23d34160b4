/** The notice keys; src/api/schemas.ts builds its NOTICE_KEYS (and the zod enum) from this list. */
export const NOTICE_KEY_LIST = [
  'return_got_myna',
  'return_on_leaving',
  'register_myna',
  'old_card_invalid',
  'renew_e_certificate',
  'certificate_here',
  'info_notice_no_return',
  'new_hire_my_number',
] as const;

export function isNoticeKey(key: string): boolean {
  return (NOTICE_KEY_LIST as readonly string[]).includes(key);
}
