create or replace function acct_label(n string) returns string as $$ 'AccountNumber: ' || n $$;
select acct_label(a.account_number) // AccountNumber
from salesforce.Account a;
