with recursive hierarchy as (
  select Id, parent_id, 1 as depth from salesforce.Account where parent_id is null
  union all
  select a.Id, a.parent_id, h.depth + 1 from salesforce.Account a join hierarchy h on a.parent_id = h.Id
)
select h.parent_id, h.depth from hierarchy h
