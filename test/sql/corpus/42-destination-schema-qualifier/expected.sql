select o.order_id, c.company_name
from erp_pg_public.Orders o
join erp_pg_public.Customers c on c.customer_id = o.customer_id
