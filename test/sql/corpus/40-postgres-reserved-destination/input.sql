select c.Grp, c."Grp", c.CompanyName
from public.Customers c
order by c.Grp
