with recursive hierarchy as (
  select Id, ParentId, 1 as depth from salesforce.Account where ParentId is null
  union all
  select a.Id, a.ParentId, h.depth + 1 from salesforce.Account a join hierarchy h on a.ParentId = h.Id
)
select h.ParentId, h.depth from hierarchy h
