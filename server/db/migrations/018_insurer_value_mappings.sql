-- Issue 20: an insurer's answers for its own wordings in the monthly file (docs/decisions/032).
-- Per insurer, per coded field, per folded wording (valueKey): the app's value. No personal data:
-- wordings of 回収理由・本人家族・性別・種別 only.
create table insurer_value_mappings (
  insurer_id text not null references insurers(id),
  field text not null check (field in ('reason', 'relation', 'sex', 'documentKind')),
  key text not null,
  value text not null,
  set_at timestamptz not null,
  primary key (insurer_id, field, key)
);
