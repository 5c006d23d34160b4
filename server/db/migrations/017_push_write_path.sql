-- The push's write path costs only what it must (issue 19, docs/decisions/027-push-write-path.md).
-- A push of 500 item changes writes 500 idempotency records and 500 audit rows; EXPLAIN ANALYZE of
-- that one statement on PostgreSQL showed a fifth of its time in the two foreign-key triggers below
-- (one lookup and key-share lock of the office row per inserted row) and part of the rest in an index
-- no query reads.

-- (office_id, item_id) over every record: every read of an item's records filters on applied
-- changes with a payload and uses applied_mutations_fold_order (migration 010), which has the same
-- leading columns; this one was only written.
drop index if exists applied_mutations_item;

-- Both tables are append-only logs written only by the server, in the same transaction as what they
-- record, with an office_id read from an office row (the signed-in session's office, or the office
-- the sign-in looked up); offices are never deleted. The office row check per inserted row guarded
-- nothing the session does not already guarantee.
alter table applied_mutations drop constraint if exists applied_mutations_office_id_fkey;
alter table audit_log drop constraint if exists audit_log_office_id_fkey;
