-- The pull's page, built by the database (issue 19, docs/decisions/026-pull-built-by-the-database.md).
--
-- pull_slice answers one slice of a pull page: the office's lists and items after the cursor, merged
-- by version, at most p_take of them, as two comma-separated runs of JSON objects in the contract's
-- shape (RecallList, RecallItem), the last version, whether more remain, and (when asked) the
-- office's insurer. server/sync/pull.ts joins the slices into the page's JSON text and streams it.
--
-- Why a function: PL/pgSQL keeps the statement's plan for the connection, so a call is a short
-- statement to parse instead of this long one planned again per request; on PGlite (WebAssembly, one
-- connection) parsing and planning were most of an up-to-date pull.
--
-- One statement: lists and items are read in one snapshot. With two snapshots a list committed
-- between the two reads could sort below an item of the second read and be stepped over. Each table
-- is asked for p_take + 1 rows past the cursor (index ranges on recall_lists_office_version_page and
-- recall_items_office_version, migration 013); if the merge has more than p_take, more remain.
--
-- row_to_json writes compact JSON with the keys in the order of the select list; int8 versions come
-- out as numbers, dates as "YYYY-MM-DD" (JSON dates are ISO 8601 whatever the DateStyle), and
-- timestamps are formatted as Date.toISOString() writes them (milliseconds, Z).
create function pull_slice(p_office text, p_after bigint, p_take int, p_insurer boolean)
  returns table (page_lists text, page_items text, page_last text, page_more boolean, page_insurer text)
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
    select x.version, 'i' as kind, row_to_json(x)::text as json from (
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
        from recall_items i
        -- The member and the 被保険者's name by point lookups per item (members_pkey, and an Index
        -- Only Scan on members_household_self, migration 013). As plain joins, a database without
        -- statistics (PGlite is never analyzed) planned each as a scan of the office's members per
        -- item: 500,000 index rows for a page of 500. LIMIT 1 keeps the office condition out of the
        -- lookup; it is checked below.
        cross join lateral (select * from members m where m.id = i.member_id limit 1) m
        left join lateral (
          select h.name from members h
           where h.office_id = m.office_id and h.household_id = m.household_id and h.relation = 'self'
           limit 1
        ) h on true
        -- The live report an item is in (server/sync/pull.ts, LIVE_REPORT_JOIN).
        left join lateral (
          select r.id as report_id, r.form as report_form, r.created_at as report_created_at,
                 r.envelope_received_at
            from report_items ri
            join reports r on r.office_id = ri.office_id and r.id = ri.report_id
           where ri.office_id = i.office_id and ri.item_id = i.id and ri.withdrawn_at is null
           order by r.received_at desc, r.id
           limit 1
        ) rep on true
       where i.office_id = p_office and i.version > p_after and m.office_id = i.office_id
       order by i.version limit p_take + 1) x
  ), merged as (
    select u.version, u.kind, u.json, row_number() over (order by u.version) as n
      from (select * from l union all select * from it) u
  )
  select string_agg(merged.json, ',' order by merged.version) filter (where merged.kind = 'l' and merged.n <= p_take),
         string_agg(merged.json, ',' order by merged.version) filter (where merged.kind = 'i' and merged.n <= p_take),
         (max(merged.version) filter (where merged.n <= p_take))::text,
         count(*) > p_take,
         case when p_insurer then (
           select row_to_json(x)::text from (
             select ins.name as "name", ins.number as "number", ins.phone as "phone", ins.kind as "kind"
               from offices o join insurers ins on ins.id = o.insurer_id where o.id = p_office) x)
         end
    from merged; end -- (one line: migrate.ts splits statements at a semicolon that ends a line)
$fn$;
