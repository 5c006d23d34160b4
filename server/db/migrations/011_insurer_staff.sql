-- The insurer's side of the API (docs/decisions/020-insurer-side.md).
-- Insurer staff sign in with their own login and password, hashed like the offices' access codes
-- (scrypt "salt:hash" in hex). A staff member acts only for their own insurer.
create table insurer_staff (
  id text primary key,
  insurer_id text not null references insurers(id),
  login text not null unique,
  password_hash text not null,
  disabled_at timestamptz
);
create index insurer_staff_insurer on insurer_staff(insurer_id);

-- Staff sessions are a table of their own: a staff token is never found by the office routes'
-- lookup (sessions) and an office token never by the staff routes' lookup, so neither opens the other.
create table staff_sessions (
  token_hash char(64) primary key,
  staff_id text not null references insurer_staff(id),
  insurer_id text not null references insurers(id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index staff_sessions_staff on staff_sessions(staff_id);

-- What the insurer enrols about an office: 事業所整理記号 and 事業所番号 (the insurer's own identifiers),
-- the office's postal address (a business address, not a person's), and when it was disabled.
alter table offices add column office_symbol text;
alter table offices add column office_number text;
alter table offices add column address text;
alter table offices add column enrolled_at timestamptz;
alter table offices add column disabled_at timestamptz;

-- One row per office published from one upload: the same upload again (same content hash or the same
-- Idempotency-Key) publishes nothing a second time.
create table insurer_publications (
  insurer_id text not null references insurers(id),
  upload_key char(64) not null,
  office_id text not null references offices(id),
  list_id text not null references recall_lists(id),
  item_count integer not null,
  published_at timestamptz not null,
  primary key (insurer_id, upload_key, office_id)
);

-- The envelope of certificates the insurer received for a report, checked against the report's items.
alter table reports add column envelope_received_at timestamptz;
alter table reports add column envelope_count integer;
