-- The clerk's edits of the office profile the official forms print (docs/decisions/024-office-profile-sync.md):
-- one row per office and field, the latest edit (last write wins by `at`, ties by value), made on any of
-- the office's tablets and sent back to all of them with every pull. The insurer's own values stay in
-- `offices` (office_symbol, office_number, name, address: migration 011); an empty value means the
-- clerk went back to them. Not personal data (a business's address and its owner's title and name).
create table office_profile_edits (
  office_id text not null references offices(id),
  field text not null check (field in ('officeSymbol', 'officeNumber', 'name', 'postalCode', 'address',
                                       'ownerTitle', 'ownerName', 'phone', 'sharoushi')),
  value text not null,
  at timestamptz not null,
  primary key (office_id, field)
);
