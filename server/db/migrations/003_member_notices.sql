-- Notices handed to members (who was told what, when, in which language), synced from tablets.
-- No notice text and no personal data here: the member id, the notice key and the language say it all.
create table notice_deliveries (
  office_id text not null references offices(id),
  id uuid not null,
  member_id text not null references members(id),
  notice_key text not null,
  language text not null,
  channel text not null check (channel in ('share', 'print', 'qr', 'copy')),
  at timestamptz not null,
  primary key (office_id, id)
);
create index notice_deliveries_member on notice_deliveries(office_id, member_id);
