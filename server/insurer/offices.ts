import { randomBytes, randomInt } from 'node:crypto';
import type { EnrolOfficeRequest, StaffOffice } from '../../src/api/insurer-schemas';
import type { InsurerKind } from '../../src/domain/recall';
import { recordAudit } from '../audit/audit-log';
import { hashAccessCode } from '../auth/access-code';
import type { Database, Queryable } from '../db/database';
import { ProblemError, problems } from '../http/problem';
import type { StaffSession } from './staff-auth';

type OfficeRow = {
  id: string;
  code: string;
  name: string;
  office_symbol: string | null;
  office_number: string | null;
  address: string | null;
  kind: InsurerKind;
  disabled_at: unknown;
};

const OFFICE_COLUMNS = `o.id, o.code, o.name, o.office_symbol, o.office_number, o.address, i.kind, o.disabled_at`;

function toOffice(r: OfficeRow): StaffOffice {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    officeSymbol: r.office_symbol,
    officeNumber: r.office_number,
    address: r.address,
    insurerKind: r.kind,
    disabled: r.disabled_at != null,
  };
}

// No 0/O, 1/l/I: the code is read off paper and typed on a tablet.
const ACCESS_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A new access code: 12 characters in three groups (about 59 bits), typed once per tablet. */
export function newAccessCode(): string {
  const chars = Array.from({ length: 12 }, () => ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)]);
  return [0, 4, 8].map((start) => chars.slice(start, start + 4).join('')).join('-');
}

/** The insurer's offices; another insurer's office is never listed. */
export async function listOffices(db: Queryable, session: StaffSession): Promise<StaffOffice[]> {
  const found = await db.query<OfficeRow>(
    `select ${OFFICE_COLUMNS} from offices o join insurers i on i.id = o.insurer_id
      where o.insurer_id = $1 order by o.code`,
    [session.insurerId],
  );
  return found.rows.map(toOffice);
}

/** One office of the staff member's insurer by code; another insurer's office looks exactly like a missing one. */
export async function officeOf(db: Queryable, session: StaffSession, code: string): Promise<StaffOffice> {
  const found = await db.query<OfficeRow>(
    `select ${OFFICE_COLUMNS} from offices o join insurers i on i.id = o.insurer_id
      where o.insurer_id = $1 and o.code = $2`,
    [session.insurerId, code],
  );
  const row = found.rows[0];
  if (!row) throw problems.notFound();
  return toOffice(row);
}

export async function enrolOffice(
  db: Database,
  session: StaffSession,
  request: EnrolOfficeRequest,
  now: Date,
): Promise<{ office: StaffOffice; accessCode: string }> {
  const accessCode = newAccessCode();
  const hash = await hashAccessCode(accessCode);
  const id = `off-${randomBytes(8).toString('hex')}`;
  await db.transaction(async (tx) => {
    // Office codes are unique across insurers: a tablet signs in with the code alone.
    const taken = await tx.query('select 1 from offices where code = $1', [request.code]);
    if (taken.rows.length > 0) {
      throw new ProblemError(409, 'office_code_taken', 'This office code is already in use', undefined, [
        { path: 'code', message: 'already in use' },
      ]);
    }
    await tx.query(
      `insert into offices (id, insurer_id, code, name, access_code_hash, office_symbol, office_number, address, enrolled_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        session.insurerId,
        request.code,
        request.name,
        hash,
        request.officeSymbol,
        request.officeNumber,
        request.address,
        now.toISOString(),
      ],
    );
    await recordAudit(tx, {
      action: 'insurer.office_enrolled',
      outcome: 'succeeded',
      officeId: id,
      sessionRef: session.sessionRef,
      targetId: session.staffId,
    });
  });
  return { office: await officeOf(db, session, request.code), accessCode };
}

/**
 * A new access code for the office (shown once). Tablets already signed in keep their sessions: the
 * clerk's outbox must still reach us; to shut a leaked code out for good, disable the office.
 * Rotating also re-enables a disabled office.
 */
export async function rotateAccessCode(
  db: Database,
  session: StaffSession,
  code: string,
): Promise<{ office: StaffOffice; accessCode: string }> {
  const office = await officeOf(db, session, code);
  const accessCode = newAccessCode();
  const hash = await hashAccessCode(accessCode);
  await db.transaction(async (tx) => {
    await tx.query(`update offices set access_code_hash = $2, disabled_at = null where id = $1`, [office.id, hash]);
    await recordAudit(tx, {
      action: 'insurer.access_code_rotated',
      outcome: 'succeeded',
      officeId: office.id,
      sessionRef: session.sessionRef,
      targetId: session.staffId,
    });
  });
  return { office: { ...office, disabled: false }, accessCode };
}

/**
 * Disables an office: its access code is replaced by the hash of a random secret nobody knows (so the
 * office sign-in, unchanged, refuses every code with the same timing as a wrong one) and every session
 * of its tablets is revoked.
 */
export async function disableOffice(
  db: Database,
  session: StaffSession,
  code: string,
  now: Date,
): Promise<StaffOffice> {
  const office = await officeOf(db, session, code);
  const hash = await hashAccessCode(randomBytes(32).toString('base64url'));
  await db.transaction(async (tx) => {
    await tx.query(`update offices set access_code_hash = $2, disabled_at = coalesce(disabled_at, $3) where id = $1`, [
      office.id,
      hash,
      now.toISOString(),
    ]);
    await tx.query(`update sessions set revoked_at = $2 where office_id = $1 and revoked_at is null`, [
      office.id,
      now.toISOString(),
    ]);
    await recordAudit(tx, {
      action: 'insurer.office_disabled',
      outcome: 'succeeded',
      officeId: office.id,
      sessionRef: session.sessionRef,
      targetId: session.staffId,
    });
  });
  return { ...office, disabled: true };
}
