with a as (select AccountNumber as IsDeleted, CreatedById from salesforce.Account)
select a.IsDeleted, a.CreatedById, IsDeleted from a
