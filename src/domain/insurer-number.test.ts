import { describe, expect, it } from 'vitest';
import { insurerCheckDigit, isValidInsurerNumber } from './insurer-number';

describe('保険者番号 check digit', () => {
  it.each(['06135784', '33120015'])('accepts the published valid number %s', (number) => {
    expect(isValidInsurerNumber(number)).toBe(true);
  });

  it('computes the check digit of the first seven digits', () => {
    expect(insurerCheckDigit('0613578')).toBe(4);
    expect(insurerCheckDigit('3312001')).toBe(5);
    expect(insurerCheckDigit('0000000')).toBe(0);
  });

  it('rejects every other last digit', () => {
    for (let digit = 0; digit <= 9; digit++) {
      if (digit !== 4) expect(isValidInsurerNumber(`0613578${digit}`)).toBe(false);
    }
  });

  it('catches a single mistyped digit and a swap of neighbours', () => {
    expect(isValidInsurerNumber('06135794')).toBe(false);
    expect(isValidInsurerNumber('60135784')).toBe(false);
  });

  it.each(['0613578', '061357845', '0613578a', '', '０６１３５７８４'])('rejects the malformed %j', (value) => {
    expect(isValidInsurerNumber(value)).toBe(false);
  });
});
