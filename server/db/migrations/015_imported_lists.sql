-- Lists the office imports from the insurer's file on a tablet belong to the office (docs/decisions/025):
-- stored with source 'import' and pulled by every tablet of the office, never by another office.
alter table recall_lists drop constraint if exists recall_lists_source_check;
alter table recall_lists add constraint recall_lists_source_check check (source in ('insurer', 'office', 'import'));

-- 被保険者氏名 as an imported file gives it: a dependant's household may have no insured person on the
-- list (or anywhere the insurer API knows), and the forms print that name. Null for everyone else
-- (the pull takes the household's insured person's own name, as before).
alter table members add column insured_name text;
