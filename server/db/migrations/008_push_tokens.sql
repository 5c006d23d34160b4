-- A second token per session that only pushes and signs out (docs/decisions/008-encryption-at-rest.md):
-- the tablet keeps it in clear for the service worker and a locked tab, while the full token stays
-- encrypted. Only its sha256 is stored. Sessions opened before this migration have none.
alter table sessions add column push_token_hash char(64);
create unique index sessions_push_token on sessions(push_token_hash);
