with accts as (
    select Id, account_number, Name as AccountName from salesforce.Account
), opps as (
    select account_id, Amount from salesforce.Opportunity where is_deleted = false
)
select accts.account_number, accts.AccountName, sum(opps.Amount) as TotalAmount
from accts join opps on opps.account_id = accts.Id
group by accts.account_number, accts.AccountName
