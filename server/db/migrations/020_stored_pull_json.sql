-- Reads that cost what they return (issue 19, docs/decisions/039-stored-pull-json.md): each item's
-- pull JSON is kept as text, so a first-sync page is stored text joined, not JSON built per request.
--
-- item_pull_json holds an item's object exactly as pull_slice wrote it (migration 019), together
-- with the item version it was built from; it is valid only while that version is the item's
-- version. Every change a tablet must see already draws a new item version in the writing
-- transaction (cursor pulls rely on it), so any write makes the stored text invalid by itself: the
-- push path writes nothing more. pull_slice uses the stored text when it is valid and builds the
-- object as before otherwise, so correctness never depends on the filler (fill_pull_json below, run
-- after writes commit by server/sync/pull-json-filler.ts).
-- A table of its own rather than a column of recall_items: a push's UPDATE copies the whole item row
-- into its new version, and ~0.8 kB of JSON in it cost pushes ~10 % more CPU on PGlite (ADR 039);
-- and the filler never writes, so never locks, an item row a push may be waiting for.
-- Personal data: the text holds the member's name etc. like the rows it is built from; no index on it
-- (the primary key is ids only). No foreign key: items are never deleted, and the filler's insert
-- should not probe recall_items once more per row.
create table item_pull_json (
  office_id text not null,
  item_id text not null,
  version bigint not null,
  json text not null,
  primary key (office_id, item_id)
);

-- One item's page object: the stored text when valid, else built here (one place for both the pull
-- and the filler). The stored text by a primary-key probe per item (LIMIT 1: a lookup per row even
-- for a planner without statistics, ADR 026). The lookups (member, 被保険者's name, live report) and
-- the JSON run only when there is none: the lateral's condition on the stored text alone is a
-- one-time filter (see OFFSET 0 below). The SELECT list is migration 019's, key for key
-- (pull.test.ts pins the page).
create view pull_items as
select i.office_id, i.id, i.version, b.built is not null as built, coalesce(s.json, b.built) as json
  from recall_items i
  left join lateral (
    select s.json from item_pull_json s
     where s.office_id = i.office_id and s.item_id = i.id and s.version = i.version
     limit 1
  ) s on true
  left join lateral (
    select row_to_json(x)::text as built from (
      select i.id as "id", i.list_id as "listId", i.member_id as "memberId", m.household_id as "householdId",
             m.relation as "relation", i.document_kind as "documentKind", i.reason as "reason",
             m.holder_reason as "holderReason", i.issue_no as "issueNo", i.issued_on as "issuedOn",
             i.expires_on as "expiresOn", i.loss_date as "lossDate", i.notice_arrived_on as "noticeArrivedOn",
             i.hr_event as "hrEvent", i.due_date as "dueDate", i.status as "status",
             to_char(i.returned_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "returnedAt",
             i.return_method as "returnMethod", i.unreturnable_kind as "unreturnableKind",
             i.unreturnable_reason as "unreturnableReason",
             to_char(i.status_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "statusChangedAt",
             i.withdrawn as "withdrawn", i.version as "version", m.preferred_lang as "preferredLanguage",
             -- The envelope's date only once received (json_strip_nulls drops it before), so a mark
             -- is unchanged for tablets and tests that predate envelopes.
             case when rep.report_id is not null then json_strip_nulls(json_build_object(
               'reportId', rep.report_id, 'form', rep.report_form,
               'createdAt', to_char(rep.report_created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'envelopeReceivedAt',
               to_char(rep.envelope_received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
             end as "inReport",
             json_build_object('name', m.name, 'kana', m.kana, 'birthDate', m.birth_date, 'sex', m.sex,
               'symbol', m.symbol, 'number', m.number, 'branch', m.branch,
               'insuredName', coalesce(m.insured_name, h.name, m.name)) as "person"
        -- The member and the 被保険者's name by point lookups (members_pkey, members_household_self), not
        -- joins an unanalyzed planner turns into scans (ADR 026). LIMIT 1 keeps the office condition
        -- out of the lookup; it is checked below.
        from (select * from members m where m.id = i.member_id limit 1) m
        left join lateral (
          select h.name from members h
           where h.office_id = m.office_id and h.household_id = m.household_id and h.relation = 'self'
           limit 1
        ) h on true
        -- The live report an item is in (report_items_item_live, migration 013). The database allows
        -- one live report per form; a status change that would move a reported item to another form
        -- is refused, so there is one in practice, and the latest wins if there ever were two.
        left join lateral (
          select r.id as report_id, r.form as report_form, r.created_at as report_created_at,
                 r.envelope_received_at
            from report_items ri
            join reports r on r.office_id = ri.office_id and r.id = ri.report_id
           where ri.office_id = i.office_id and ri.item_id = i.id and ri.withdrawn_at is null
           order by r.received_at desc, r.id
           limit 1
        ) rep on true
       where m.office_id = i.office_id and s.json is null) x
    -- OFFSET 0 keeps the planner from pulling the lookups up into the outer join, where the
    -- condition above became a join filter checked after every lookup had run.
    offset 0
  ) b on true
 -- As before, an item whose member is not its office's is not sent (a stored text is only ever built
 -- when it was, and a member never changes office).
 where s.json is not null or b.built is not null;

-- Migration 019's pull_slice, whole, with the items read from pull_items (same output, same order).
create or replace function pull_slice(p_office text, p_after bigint, p_take int, p_insurer boolean)
  returns table (page_lists text, page_items text, page_last text, page_more boolean, page_insurer text,
                 page_profile text)
  language plpgsql stable
as $fn$
#variable_conflict use_column
begin
  return query
  with l as (
    select x.version, 'l' as kind, row_to_json(x)::text as json from (
      select l.id as "id", l.title as "title", l.period as "period",
             to_char(l.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "receivedAt",
             l.source as "source", l.version as "version"
        from recall_lists l
       where l.office_id = p_office and l.version > p_after
       order by l.version limit p_take + 1) x
  ), it as (
    -- Stored text where valid, built otherwise (the view above).
    select v.version, 'i' as kind, v.json
      from pull_items v
     where v.office_id = p_office and v.version > p_after
     order by v.version limit p_take + 1
  ), p as (
    -- The office profile as one more change of the office, at its version (0 = never changed since
    -- enrolment: no row; a first sync gets the profile anyway, below).
    select o.profile_version as version, 'p' as kind, null::text as json
      from offices o where o.id = p_office and o.profile_version > p_after
  ), merged as (
    select u.version, u.kind, u.json, row_number() over (order by u.version) as n
      from (select * from l union all select * from it union all select * from p) u
  )
  select string_agg(merged.json, ',' order by merged.version) filter (where merged.kind = 'l' and merged.n <= p_take),
         string_agg(merged.json, ',' order by merged.version) filter (where merged.kind = 'i' and merged.n <= p_take),
         (max(merged.version) filter (where merged.n <= p_take))::text,
         count(*) > p_take,
         case when p_insurer then (
           select row_to_json(x)::text from (
             select ins.name as "name", ins.number as "number", ins.phone as "phone", ins.kind as "kind"
               from offices o join insurers ins on ins.id = o.insurer_id where o.id = p_office) x)
         end,
         -- The profile in readOfficeProfile's shape (server/sync/office-profile.ts), on a first sync's
         -- first slice and on the slice that holds its version.
         case when (p_insurer and p_after = 0) or bool_or(merged.kind = 'p' and merged.n <= p_take) then (
           select json_build_object(
                    'insurer', json_build_object('officeSymbol', coalesce(o.office_symbol, ''),
                      'officeNumber', coalesce(o.office_number, ''), 'name', o.name,
                      'address', coalesce(o.address, '')),
                    'edits', coalesce((
                      select json_object_agg(e.field, json_build_object('value', e.value,
                               'at', to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
                        from office_profile_edits e where e.office_id = o.id), '{}'::json))::text
             from offices o where o.id = p_office)
         end
    from merged; end -- (one line: migrate.ts splits statements at a semicolon that ends a line)
$fn$;

-- The filler's step: of the office's items with a version above p_after, the next p_take by version
-- (valid or not, so a step reads a bounded range and the caller walks the office from where it last
-- stopped), stores the built text of those without a valid one. Returns the last version of the
-- range (null: nothing above p_after) and how many it read and stored.
-- * Never stores a text as valid that is not: the text and its version come from one snapshot, and
--   it is only ever used while that version is the item's version. An item a writer changes
--   meanwhile gets a version above every version this statement sees (an office's versions commit
--   in order under its change lock), so the fill after that writer's commit finds it.
-- * Touches no item row: pushes never wait for it. Two fillers of one item (two instances) wait
--   for each other on the primary key only; the newer version stays.
create function fill_pull_json(p_office text, p_after bigint, p_take int)
  returns table (last_version bigint, scanned bigint, filled bigint)
  language plpgsql
as $fn$
begin
  return query
  with r as materialized (
    select i.id, i.version from recall_items i
     where i.office_id = p_office and i.version > p_after
     order by i.version limit p_take
  ), f as (
    insert into item_pull_json as s (office_id, item_id, version, json)
    select p_office, v.id, v.version, v.json
      from r join pull_items v on v.office_id = p_office and v.id = r.id
     where v.built
    on conflict (office_id, item_id) do update set version = excluded.version, json = excluded.json
      where s.version < excluded.version
    returning 1
  )
  select (select max(r.version) from r), (select count(*) from r), (select count(*) from f); end -- (one line)
$fn$;
