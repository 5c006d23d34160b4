-- Reads that cost what they return (issue 19, docs/decisions/023). The pull pages by version
-- (keyset: `version > cursor order by version limit n` on (office_id, version)); these indexes let
-- the per-row lookups it makes be answered from the index alone, without a heap visit each.

-- The insured person's name of each item's household (pull's `h` join): one index-only probe per row.
create index members_household_self on members(office_id, household_id) include (name)
  where relation = 'self';

-- The live report of each item (pull's LIVE_REPORT_JOIN and the push's report check): the report id
-- comes from the index.
create index report_items_item_live on report_items(office_id, item_id) include (report_id, form)
  where withdrawn_at is null;
drop index if exists report_items_item;

-- Lists after the cursor: the whole page from the index.
create index recall_lists_office_version_page on recall_lists(office_id, version)
  include (id, title, period, received_at, source);
drop index if exists recall_lists_office_version;

-- Not covered on purpose: applied_mutations' fold order (migration 010). The set-based push reads one
-- latest row per item from it (one heap visit); carrying state_after in the index would double the
-- size of the largest table's index for that.
