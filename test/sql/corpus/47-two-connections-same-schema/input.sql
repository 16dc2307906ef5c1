select c.CustomerID from public.Customers c;
select c2.CustomerID, c2.CompanyName from erp_pg_public.Customers c2;
select t.TicketID from crm_pg_public.Tickets t;
