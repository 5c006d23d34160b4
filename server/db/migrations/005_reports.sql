-- Reports to the insurer (docs/decisions/009-reports.md): 資格確認書回収連絡書 ('return_notice'),
-- 回収不能届 ('uncollectable') and 滅失届 ('lost'), each with exactly the items it carries.
-- Nothing personal is copied here: the items' members hold the names; the clerk's work contact is
-- kept because the insurer calls back about a form.
create table reports (
  office_id text not null references offices(id),
  id uuid not null,
  mutation_id uuid not null,
  form text not null check (form in ('return_notice', 'uncollectable', 'lost')),
  list_id text references recall_lists(id),
  period char(7),
  clerk_name text not null,
  clerk_phone text not null,
  created_at timestamptz not null,
  received_at timestamptz not null default now(),
  primary key (office_id, id),
  check ((list_id is null) <> (period is null))
);

-- withdrawn_at is set by a correcting report (訂正) that takes an item back out of its report.
create table report_items (
  office_id text not null,
  report_id uuid not null,
  item_id text not null references recall_items(id),
  form text not null check (form in ('return_notice', 'uncollectable', 'lost')),
  withdrawn_at timestamptz,
  primary key (office_id, report_id, item_id),
  foreign key (office_id, report_id) references reports(office_id, id)
);

-- An item is in at most one live report of a form, whatever the tablets send.
create unique index report_items_live on report_items(office_id, item_id, form) where withdrawn_at is null;
create index report_items_item on report_items(office_id, item_id) where withdrawn_at is null;
