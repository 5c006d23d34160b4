/**
 * 保険者番号: 8 digits whose last digit is a Luhn (mod 10, weights 2-1 from the right) check digit
 * over the first seven. 06135784 and 33120015 are valid.
 */
export function insurerCheckDigit(firstSeven: string): number {
  if (!/^\d{7}$/.test(firstSeven)) throw new Error('insurer number body must be 7 digits');
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    // The digit next to the check digit is doubled, then every second one leftwards.
    let d = Number(firstSeven[6 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidInsurerNumber(value: string): boolean {
  return /^\d{8}$/.test(value) && insurerCheckDigit(value.slice(0, 7)) === Number(value[7]);
}
