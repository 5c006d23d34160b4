import { describe, expect, it } from 'vitest';
import { editsFromForm, laterEdit, mergeEdits, mergeOfficeProfile, type ProfileEdits } from './office-profile';

const INSURER = {
  officeSymbol: '11-アイウ',
  officeNumber: '12345',
  name: '横浜みなと物流株式会社',
  address: '横浜市中区新港1-2-3',
};
const T1 = '2026-12-01T00:00:00.000Z';
const T2 = '2026-12-02T00:00:00.000Z';

describe('mergeOfficeProfile', () => {
  it('prints the insurer’s values when the clerk edited nothing', () => {
    const profile = mergeOfficeProfile(INSURER, {});
    expect(profile).toMatchObject(INSURER);
    expect(profile.postalCode).toBe('');
    expect(profile.ownerName).toBe('');
  });

  it('keeps the clerk’s edit of a field over the insurer’s value, field by field', () => {
    const profile = mergeOfficeProfile(INSURER, {
      address: { value: '横浜市中区新港9-9-9', at: T1 },
      phone: { value: '045-000-1111', at: T1 },
    });
    expect(profile.address).toBe('横浜市中区新港9-9-9');
    expect(profile.phone).toBe('045-000-1111');
    expect(profile.officeSymbol).toBe('11-アイウ');
  });

  it('an empty edit gives the insurer’s value back', () => {
    expect(mergeOfficeProfile(INSURER, { address: { value: '', at: T2 } }).address).toBe(INSURER.address);
  });

  it('works without any insurer values (a server that sent none)', () => {
    expect(mergeOfficeProfile(null, { name: { value: '株式会社テスト', at: T1 } }).name).toBe('株式会社テスト');
  });
});

describe('mergeEdits (last write wins per field)', () => {
  it('takes the later edit of each field', () => {
    const a: ProfileEdits = { phone: { value: 'A', at: T2 }, address: { value: 'old', at: T1 } };
    const b: ProfileEdits = { phone: { value: 'B', at: T1 }, address: { value: 'new', at: T2 } };
    expect(mergeEdits(a, b)).toEqual({ phone: { value: 'A', at: T2 }, address: { value: 'new', at: T2 } });
  });

  it('is the same in either order, also at the same instant', () => {
    const a: ProfileEdits = { phone: { value: '045-1', at: T1 }, ownerName: { value: '港 一郎', at: T1 } };
    const b: ProfileEdits = { phone: { value: '045-2', at: T1 }, sharoushi: { value: '田中', at: T2 } };
    expect(mergeEdits(a, b)).toEqual(mergeEdits(b, a));
    expect(mergeEdits(a, b).phone?.value).toBe('045-2');
    expect(mergeEdits(mergeEdits(a, b), a)).toEqual(mergeEdits(a, b));
  });

  it('compares instants, not their spelling', () => {
    expect(
      laterEdit({ value: 'x', at: '2026-12-01T00:00:01Z' }, { value: 'y', at: '2026-12-01T00:00:00.500Z' }),
    ).toEqual({
      value: 'x',
      at: '2026-12-01T00:00:01Z',
    });
  });
});

describe('editsFromForm', () => {
  it('records only the fields the clerk changed, with the time', () => {
    const current = mergeOfficeProfile(INSURER, {});
    const typed = { ...current, postalCode: ' 231-0001 ', ownerName: '港 一郎' };
    expect(editsFromForm(current, typed, INSURER, T1)).toEqual({
      postalCode: { value: '231-0001', at: T1 },
      ownerName: { value: '港 一郎', at: T1 },
    });
  });

  it('a field typed back to the insurer’s value follows the insurer again', () => {
    const edits = { address: { value: '別の住所', at: T1 } };
    const current = mergeOfficeProfile(INSURER, edits);
    const typed = { ...current, address: INSURER.address };
    const changed = editsFromForm(current, typed, INSURER, T2);
    expect(changed).toEqual({ address: { value: '', at: T2 } });
    expect(mergeOfficeProfile(INSURER, mergeEdits(edits, changed)).address).toBe(INSURER.address);
  });
});
