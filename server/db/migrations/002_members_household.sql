-- The pull query joins each item's member to the 被保険者 (relation 'self') of the same household
-- to print 被保険者氏名; this index keeps that join from scanning all members of the office.
create index members_office_household on members(office_id, household_id);
