select c.CustomerID from public.Customers c;
select c2.customer_id, c2.company_name from erp_pg_public.Customers c2;
select t.ticket_id from crm_pg_public.Tickets t;
