SELECT l."LINE_NO", l.Qty, 'O''Reilly LineNo' FROM erp_pg_public.order_lines AS l WHERE l.product_id IS NOT NULL
