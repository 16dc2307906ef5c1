select o.order_id, o.order_id, o."order_id", o."orderid", o."total_amount"
from erp_pg_public.Orders o
