-- Sign-in throttling, kept in the database so that it holds across restarts and across several API
-- instances (docs/decisions/007-server-security.md). One row per counted key: the office code tried,
-- or the client address. Keys are sha256 hex of "office:<code>" / "address:<ip>", so no address is
-- stored in clear.
create table sign_in_throttle (
  key char(64) primary key,
  failures integer not null,
  window_started_at timestamptz not null,
  locked_until timestamptz
);

-- Who changed what, written in the same transaction as the change it records. No personal data:
-- ids and codes only (never names, never the token, never a typed office code that matched nothing).
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  office_id text references offices(id),
  -- sessions.token_hash of the session that acted (a hash, not the token)
  session_ref char(64),
  device_id uuid,
  action text not null,
  mutation_id uuid,
  target_id text,
  outcome text not null check (outcome in ('succeeded', 'failed', 'locked', 'applied', 'rejected')),
  reason text
);
create index audit_log_office_at on audit_log(office_id, at);
