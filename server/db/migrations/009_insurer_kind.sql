-- Two kinds of insurer, each with its own route for collected certificates (docs/decisions/013-insurer-kinds.md):
-- 'kyokai' = 協会けんぽ (a 支部; certificates go with the 資格喪失届 to 日本年金機構, seed 003 and nenkin.go.jp),
-- 'kumiai' = 健康保険組合 (certificates go to the 組合 itself with its own forms and monthly lists, seed 000).
-- Offices created before this migration were all treated as a 健保組合, so that is the default.
alter table insurers add column kind text not null default 'kumiai' check (kind in ('kyokai', 'kumiai'));

-- 資格喪失日 (the 5-day filing clock starts here) and, for old 健康保険証, the day the insurer received the
-- 喪失届: seed 000 「保険証の回収は、届出の到着日による」. Null where the list did not say.
alter table recall_items add column loss_date date;
alter table recall_items add column notice_arrived_on date;
-- The HR event the office recorded (退職, 死亡, 被扶養者削除, 75歳到達, 氏名変更); null on insurer lists.
alter table recall_items add column hr_event text
  check (hr_event in ('retired', 'died', 'dependant_removed', 'age_75', 'name_changed'));
alter table recall_items drop constraint if exists recall_items_reason_check;
alter table recall_items add constraint recall_items_reason_check
  check (reason in ('got_myna', 'lost_eligibility', 'superseded', 'old_card', 'not_enrolled', 'name_changed'));

-- Who made the list: the insurer (its monthly list) or the office itself (HR events recorded on a tablet).
alter table recall_lists add column source text not null default 'insurer' check (source in ('insurer', 'office'));

-- Items of lost_eligibility carried their loss date only inside the due date (loss + 5 days, the old
-- reading of the 5-day rule). Recover it so the route rules can check the certificate's 有効期限.
update recall_items set loss_date = due_date - 5 where reason = 'lost_eligibility' and loss_date is null;

-- Tablets hold these items already: a new version sends them again with their loss date, under each
-- office's change lock as every writer draws versions (sync/office-lock.ts; migration 007 does the same).
select pg_advisory_xact_lock(hashtextextended('office-changes:' || id, 0)) from offices order by id;
update recall_items set version = nextval('change_version') where loss_date is not null;
