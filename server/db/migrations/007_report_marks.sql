-- The pull now marks each item with the live report it is in (docs/decisions/009-reports.md), and a
-- report gives its items a new version when stored. Items reported before this migration get a new
-- version here, so tablets that are already up to date pull their marks too.
-- Versions are drawn under each office's change lock, as every writer does (sync/office-lock.ts).
select pg_advisory_xact_lock(hashtextextended('office-changes:' || id, 0)) from offices order by id;

update recall_items i
   set version = nextval('change_version')
 where exists (
   select 1 from report_items ri
    where ri.office_id = i.office_id and ri.item_id = i.id and ri.withdrawn_at is null
 );
