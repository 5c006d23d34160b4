-- Order-independent status (docs/decisions/006-conflict-rules.md): the server resolves an item's
-- status from the state the insurer delivered it in and EVERY applied change of the clerks, sorted
-- by device time and mutation id, so the result does not depend on the order pushes arrive in.
--
-- applied_mutations.payload: the mutation's payload, so its change can be folded in again.
-- recall_items.base_state: the item's collection state before the first clerk change (null = the
-- current state is still the base, i.e. no change has been applied yet).
alter table applied_mutations add column payload jsonb;
alter table recall_items add column base_state jsonb;

-- Items changed before this migration: their mutations have no payload and cannot be folded again,
-- so their current state becomes the base and only later changes are folded on top of it.
update recall_items i
   set base_state = jsonb_build_object(
     'status', i.status,
     'returnedAt', to_char(i.returned_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
     'returnMethod', i.return_method,
     'unreturnableKind', i.unreturnable_kind,
     'unreturnableReason', i.unreturnable_reason,
     'statusChangedAt', to_char(i.status_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
 where exists (select 1 from applied_mutations a where a.office_id = i.office_id and a.item_id = i.id);

create index applied_mutations_item on applied_mutations(office_id, item_id);
