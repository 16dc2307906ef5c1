with a as (select account_number as IsDeleted, created_by_id from salesforce.Account)
select a.IsDeleted, a.created_by_id, IsDeleted from a
