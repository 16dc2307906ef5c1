-- AccountNumber and CreatedById in a line comment
/* a.AccountNumber in a block comment */
select a.account_number, 'a.AccountNumber' as label, 'it''s CreatedById' as quoted,
       'back\'slash AccountNumber' as escaped -- trailing a.IsDeleted
from salesforce.Account a // Snowflake slash comment a.AccountNumber
where a.Name != 'IsDeleted';
