-- Versioned migrations: applied in file-name order, each once, recorded in schema_migrations.
-- Every change an office can pull takes the next value of change_version, so a client's cursor
-- is simply the highest version it has seen.
create sequence change_version;

create table insurers (
  id text primary key,
  name text not null,
  number char(8) not null unique,
  phone text not null
);

create table offices (
  id text primary key,
  insurer_id text not null references insurers(id),
  code text not null unique,
  name text not null,
  -- scrypt hash of the access code the insurer issued: "salt:hash" in hex
  access_code_hash text not null
);

create table sessions (
  token_hash char(64) primary key, -- sha256 of the bearer token, hex; the token itself is never stored
  office_id text not null references offices(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_office on sessions(office_id);

create table members (
  id text primary key,
  office_id text not null references offices(id),
  household_id text not null,
  relation text not null check (relation in ('self', 'dependant')),
  name text not null,
  kana text not null,
  birth_date date not null,
  sex text not null check (sex in ('male', 'female')),
  symbol text not null,
  number text not null,
  branch char(2) not null,
  holder_reason text,
  preferred_lang text not null default 'ja'
);
create index members_office on members(office_id);

create table recall_lists (
  id text primary key,
  office_id text not null references offices(id),
  title text not null,
  period char(7) not null,
  received_at timestamptz not null,
  version bigint not null default nextval('change_version')
);
create index recall_lists_office_version on recall_lists(office_id, version);

create table recall_items (
  id text primary key,
  office_id text not null references offices(id),
  list_id text not null references recall_lists(id),
  member_id text not null references members(id),
  document_kind text not null check (document_kind in ('certificate', 'old_card')),
  reason text not null check (reason in ('got_myna', 'lost_eligibility', 'superseded', 'old_card', 'not_enrolled')),
  issue_no text not null,
  issued_on date not null,
  expires_on date,
  due_date date not null,
  status text not null default 'to_collect' check (status in ('to_collect', 'returned', 'unreturnable')),
  returned_at timestamptz,
  return_method text check (return_method in ('hand', 'post')),
  unreturnable_kind text check (unreturnable_kind in ('lost', 'uncollectable')),
  unreturnable_reason text,
  status_changed_at timestamptz,
  withdrawn boolean not null default false,
  version bigint not null default nextval('change_version')
);
create index recall_items_office_version on recall_items(office_id, version);
create index recall_items_list on recall_items(list_id);

-- Idempotency: a mutation id is applied at most once per office.
create table applied_mutations (
  office_id text not null references offices(id),
  mutation_id uuid not null,
  device_id uuid not null,
  type text not null,
  item_id text,
  at timestamptz not null,
  applied_at timestamptz not null default now(),
  status text not null check (status in ('applied', 'rejected')),
  reason text,
  primary key (office_id, mutation_id)
);
