merge into salesforce.Account t
using staging.accounts s
on t.account_number = s.acct_no
when matched and s.deleted then update set is_deleted = true, Name = s.name
when not matched then insert (account_number, Name) values (s.acct_no, s.name);
