merge into salesforce.Account t
using staging.accounts s
on t.AccountNumber = s.acct_no
when matched and s.deleted then update set IsDeleted = true, Name = s.name
when not matched then insert (AccountNumber, Name) values (s.acct_no, s.name);
