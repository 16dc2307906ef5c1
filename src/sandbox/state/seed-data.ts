/**
 * The default account: deterministic, realistic, and enough to demo every example workflow.
 * `warehouse_legacy` is full (databases, files, SaaS; some paused, some broken by a certificate or
 * SSH key awaiting approval, some mid-sync, schema configs with edited selections),
 * `warehouse_new` is empty with a destination, and a few more groups give lists some substance.
 */
import { patchColumn, patchSchema, patchTable, requireSchemaConfig } from '../domain/schema-config.js';
import type { ConnectionRecord } from './types.js';
import type { SeedBuilder } from './seed-builder.js';

/** Demo selections so copy/migrate workflows have edits to carry over. */
function editSelections(byName: Map<string, ConnectionRecord>): void {
  const salesforce = byName.get('salesforce');
  if (salesforce) {
    requireSchemaConfig(salesforce);
    patchTable(salesforce, 'salesforce', 'Campaign', { enabled: false });
    patchTable(salesforce, 'salesforce', 'Opportunity', { sync_mode: 'HISTORY' });
    patchColumn(salesforce, 'salesforce', 'Contact', 'Email', { enabled: true, hashed: true });
    patchColumn(salesforce, 'salesforce', 'Account', 'Region__c', { enabled: false });
  }
  const erp = byName.get('erp_pg');
  if (erp) {
    requireSchemaConfig(erp);
    patchSchema(erp, 'audit', { enabled: false });
    patchTable(erp, 'public', 'products', { enabled: false });
  }
  const hr = byName.get('hr_mssql');
  if (hr) {
    requireSchemaConfig(hr);
    patchTable(hr, 'HR', 'Recruiting', { enabled: false });
    patchColumn(hr, 'dbo', 'Employees', 'Salary', { enabled: true, hashed: true });
  }
}

/** Fills a fresh builder with the default account. */
export function seedDefaultAccount(seed: SeedBuilder): void {
  const priya = seed.addUser({ email: 'priya.raman@example.com', given_name: 'Priya', family_name: 'Raman', role: 'Account Analyst' });
  const tomas = seed.addUser({ email: 'tomas.ortega@example.com', given_name: 'Tomás', family_name: 'Ortega', role: 'Account Reviewer', verified: false, invited: true });
  const platform = { id: seed.ids.next(), name: 'Data Platform', description: 'Owns the warehouses', role: 'Account Analyst' };
  const finance = { id: seed.ids.next(), name: 'Finance Analytics', description: 'Reporting on billing and payroll', role: 'Account Reviewer' };
  seed.store.teams.add(platform);
  seed.store.teams.add(finance);

  const legacy = seed.addGroup('warehouse_legacy');
  const fresh = seed.addGroup('warehouse_new');
  const analytics = seed.addGroup('analytics_prod');
  const marketing = seed.addGroup('marketing_eu');
  seed.addGroup('staging');

  seed.addDestination(legacy, 'snowflake', {
    host: 'acme.snowflakecomputing.com',
    port: 443,
    database: 'FIVETRAN',
    auth: 'PASSWORD',
    user: 'FIVETRAN_USER',
    password: 'pw-snowflake',
    role: 'FIVETRAN_ROLE',
    connection_type: 'Directly',
  });
  seed.addDestination(fresh, 'big_query', { project_id: 'acme-analytics', data_set_location: 'US', secret_key: '{"type":"service_account"}' });
  seed.addDestination(analytics, 'databricks', {
    server_host_name: 'adb-1234567890.12.azuredatabricks.net',
    http_path: '/sql/1.0/warehouses/abc123',
    port: 443,
    catalog: 'fivetran',
    auth_type: 'PERSONAL_ACCESS_TOKEN',
    personal_access_token: 'dapi-sandbox',
    connection_type: 'Directly',
  });
  seed.addDestination(marketing, 'redshift', {
    host: 'marketing.abc123.eu-west-1.redshift.amazonaws.com',
    port: 5439,
    database: 'marketing',
    auth_type: 'PASSWORD',
    user: 'fivetran',
    password: 'pw-redshift',
    connection_type: 'Directly',
  });

  const seeded = [
    seed.addConnection({ service: 'postgres', group: legacy, name: 'erp_pg', synced: true }),
    seed.addConnection({ service: 'postgres_rds', group: legacy, name: 'billing_pg', config: { host: 'legacy-billing.db.example.com' } }),
    seed.addConnection({
      service: 'postgres',
      group: legacy,
      name: 'analytics_pg',
      config: { connection_type: 'SshTunnel', tunnel_host: 'bastion.example.com', tunnel_port: 22, tunnel_user: 'fivetran' },
    }),
    seed.addConnection({ service: 'sql_server', group: legacy, name: 'hr_mssql', synced: true, paused: true }),
    seed.addConnection({ service: 'sql_server_rds', group: legacy, name: 'payroll_rds', synced: true, syncing: true }),
    seed.addConnection({ service: 'mysql', group: legacy, name: 'shop_mysql', synced: true, syncFrequency: 60 }),
    seed.addConnection({ service: 'mysql_rds', group: legacy, name: 'legacy_orders', config: { host: 'legacy-orders.mysql.example.com' } }),
    seed.addConnection({ service: 'google_sheets', group: legacy, name: 'finance_sheets', table: 'budget_2026', paused: true, synced: true }),
    seed.addConnection({ service: 's3', group: legacy, name: 's3_landing', table: 'daily_orders', synced: true }),
    seed.addConnection({ service: 'sftp', group: legacy, name: 'partner_files', table: 'shipments', synced: true, syncFrequency: 1440 }),
    seed.addConnection({ service: 'salesforce', group: legacy, name: 'salesforce', synced: true }),
    seed.addConnection({ service: 'google_ads', group: legacy, name: 'google_ads', synced: true, syncing: true }),
    seed.addConnection({ service: 'facebook_ads', group: legacy, name: 'facebook_ads', paused: true, config: { accounts: ['act_1001', 'act_1002'] } }),
    seed.addConnection({ service: 'hubspot', group: legacy, name: 'hubspot', untested: true }),
    seed.addConnection({ service: 'connector_sdk', group: legacy, name: 'sdk_orders', synced: true, sdkState: { cursor: '2026-01-01T00:00:00Z' } }),
    seed.addConnection({ service: 'fivetran_log', group: legacy, name: 'fivetran_log', synced: true }),
    seed.addConnection({ service: 'stripe', group: analytics, name: 'stripe', synced: true }),
    seed.addConnection({ service: 'zendesk', group: analytics, name: 'zendesk', synced: true }),
    seed.addConnection({ service: 'jira', group: analytics, name: 'jira', synced: true, paused: true }),
    seed.addConnection({ service: 'github', group: analytics, name: 'github', synced: true }),
    seed.addConnection({ service: 'linkedin_ads', group: marketing, name: 'linkedin_ads', synced: true }),
    seed.addConnection({ service: 'tiktok_ads', group: marketing, name: 'tiktok_ads', synced: true }),
    seed.addConnection({ service: 'google_analytics_4', group: marketing, name: 'ga4_web', synced: true }),
  ];
  editSelections(new Map(seeded.map((c) => [c.schema, c])));

  const at = '2026-01-05T08:00:00.000Z';
  seed.store.membershipList(`user:${priya.id}:group`).push({ id: legacy.id, role: 'Destination Analyst', created_at: at });
  seed.store.membershipList(`user:${tomas.id}:group`).push({ id: analytics.id, role: 'Destination Reviewer', created_at: at });
  seed.store.membershipList(`team:${platform.id}:user`).push({ id: priya.id, role: 'Team Manager', created_at: at });
  seed.store.membershipList(`team:${platform.id}:group`).push({ id: legacy.id, role: 'Destination Administrator', created_at: at });
  seed.store.membershipList(`team:${finance.id}:group`).push({ id: analytics.id, role: 'Destination Reviewer', created_at: at });
}
