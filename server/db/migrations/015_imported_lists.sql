-- Lists the office imports from the insurer's file on a tablet belong to the office (docs/decisions/025):
-- stored with source 'import' and pulled by every tablet of the office, never by another office.
alter table recall_lists drop constraint if exists recall_lists_source_check;
alter table recall_lists add constraint recall_lists_source_check check (source in ('insurer', 'office', 'import'));

-- 被保険者氏名 as an imported file gives it: a dependant's household may have no insured person on the
-- list (or anywhere the insurer API knows), and the forms print that name. Null for everyone else
-- (the pull takes the household's insured person's own name, as before).
alter table members add column insured_name text;

-- The clerk's answers for an insurer's own wordings in imported files (issue 17), kept for the office
-- (one insurer per office), the latest answer per wording winning: (set_at, mutation_id) orders them.
create table value_mappings (
  office_id text not null references offices(id),
  field text not null check (field in ('reason', 'relation', 'sex', 'documentKind')),
  key text not null,
  value text not null,
  set_at timestamptz not null,
  mutation_id uuid not null,
  primary key (office_id, field, key)
);
