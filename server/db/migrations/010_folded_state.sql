-- The cost of a change no longer grows with the item's history (docs/decisions/014).
--
-- applied_mutations.state_after: the item's collection state after folding every applied change up
-- to and including this one, in the order of docs/decisions/006 (device time, then mutation id). A new
-- change starts from the state after the change just before it and refolds only the changes after
-- it: none when it is the latest, which is the usual case. Rows from before this migration have none;
-- the first change of such an item refolds its history once and fills them in.
alter table applied_mutations add column state_after jsonb;

-- The fold order of an item's applied changes, so "the change just before" and "the changes after"
-- are index range reads, whatever the length of the history.
create index applied_mutations_fold_order on applied_mutations(office_id, item_id, at, mutation_id)
  where status = 'applied' and payload is not null;

-- Items whose history still needs its one refold.
create index applied_mutations_unfolded on applied_mutations(office_id, item_id)
  where status = 'applied' and payload is not null and state_after is null;
