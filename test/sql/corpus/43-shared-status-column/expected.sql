select o.Status as order_status, c.customer_status as cust_status, Status
from erp_pg_public.Orders o join erp_pg_public.Customers c using (customer_id)
