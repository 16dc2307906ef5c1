select c.Region, c."Region", c.SalesRegion, c."SalesRegion" from public.Customers c
