select c."SalesRegion", c."SalesRegion", c.SalesRegion, c."SalesRegion" from erp_pg_public.Customers c
