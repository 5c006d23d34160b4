-- Fewer round trips per pull (issue 19, docs/decisions/033-one-round-trip-pull.md).
--
-- 1. The office profile (docs/decisions/024) becomes a versioned change of the office instead of a
--    third query on every pull page. offices.profile_version is drawn from change_version, under the
--    office's change lock, by every writer of the profile (applyOfficeProfile in the push's
--    transaction; a future writer of offices.name / office_symbol / office_number / address must do
--    the same). pull_slice merges it with the lists and items as one more row at that version, so the
--    cursor moves past it like past any change, and answers the profile (page_profile) on the slice
--    that holds it, and on the first slice of a first sync (cursor 0) whatever its version. 0 = not
--    changed since enrolment: until this migration every page carried the profile, so every
--    tablet already holds the current one.
-- 2. pull_session_slice: the bearer token's session and the first slice of the page in one
--    statement, so a cursor pull is one round trip (was three: session, slice, profile).
alter table offices add column profile_version bigint not null default 0;

drop function pull_slice(text, bigint, int, boolean);

create function pull_slice(p_office text, p_after bigint, p_take int, p_insurer boolean)
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


-- The session of a token (full or push; live: not revoked, not expired, exactly the condition of
-- sessionForToken in server/auth/sessions.ts) and, for a full token only, the first slice of its
-- office's page. No row: no live session. A push token gets its session and no slice (the route
-- refuses it). bpchar, so the comparisons use the primary key and sessions_push_token.
create function pull_session_slice(p_token bpchar, p_now timestamptz, p_after bigint, p_take int)
  returns table (session_office text, session_ref text, session_full boolean, page_lists text,
                 page_items text, page_last text, page_more boolean, page_insurer text, page_profile text)
  language plpgsql stable
as $fn$
begin
  return query
  select s.office_id, s.token_hash::text, s.token_hash = p_token, x.page_lists, x.page_items, x.page_last,
         x.page_more, x.page_insurer, x.page_profile
    from sessions s
    left join lateral (
      select * from pull_slice(s.office_id, p_after, p_take, true) where s.token_hash = p_token
    ) x on true
   where (s.token_hash = p_token or s.push_token_hash = p_token) and s.revoked_at is null and s.expires_at > p_now
   limit 1; end -- (one line: migrate.ts splits statements at a semicolon that ends a line)
$fn$;
