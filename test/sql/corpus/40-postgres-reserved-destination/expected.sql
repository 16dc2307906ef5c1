select c."group", c."group", c.company_name
from erp_pg_public.Customers c
order by c."group"
