select * from erp_pg_public.order_lines l join warehouse.products p using (ProductID)
