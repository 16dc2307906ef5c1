with accts as (
    select Id, AccountNumber, Name as AccountName from salesforce.Account
), opps as (
    select AccountId, Amount from salesforce.Opportunity where IsDeleted = false
)
select accts.AccountNumber, accts.AccountName, sum(opps.Amount) as TotalAmount
from accts join opps on opps.AccountId = accts.Id
group by accts.AccountNumber, accts.AccountName
