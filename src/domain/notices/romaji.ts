import { toRomaji } from 'wanakana';

/**
 * A member's name in Latin letters from its kana (what the recall list carries), for notices in other
 * languages: a member who cannot read 佐藤 花子 or グエン ヴァン アン still finds their name. WanaKana
 * writes wāpuro romanisation (サトウ → satou), which every reader can sound out; each word capitalised.
 */
export function kanaToRomaji(kana: string): string {
  return toRomaji(kana.trim())
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
