/**
 * The connector and destination services the sandbox knows. Pure data with no imports, so the
 * OpenAPI subset generator can read it before any subset exists.
 */

/** Fivetran's connector-type categories (`type` in the metadata API). */
export type ConnectorCategory =
  | 'API'
  | 'Marketing'
  | 'HumanResources'
  | 'Finance'
  | 'Productivity'
  | 'Engineering'
  | 'Support'
  | 'Sales'
  | 'File'
  | 'Database'
  | 'Events'
  | 'Function'
  | 'Log';

/** Which source-schema catalogue a service reloads from (see source-schemas.ts). */
export type SourceFamily =
  | 'postgres'
  | 'sql_server'
  | 'mysql'
  | 'oracle'
  | 'document_db'
  | 'warehouse_db'
  | 'file'
  | 'sheet'
  | 'salesforce'
  | 'marketing'
  | 'app'
  | 'sdk'
  | 'log';

export interface ConnectionService {
  id: string;
  name: string;
  category: ConnectorCategory;
  family: SourceFamily;
  /** Integer shown as `service_version` on connections. */
  version: number;
}

const entry = (id: string, name: string, category: ConnectorCategory, family: SourceFamily, version = 1): ConnectionService => ({
  id,
  name,
  category,
  family,
  version,
});

/** Sorted by id, as the metadata API lists them (`15five` first, which GO's e2e test expects). */
export const CONNECTION_SERVICES: readonly ConnectionService[] = [
  entry('15five', '15Five', 'HumanResources', 'app'),
  entry('amazon_ads', 'Amazon Ads', 'Marketing', 'marketing'),
  entry('amplitude', 'Amplitude', 'Events', 'app'),
  entry('apache_kafka', 'Apache Kafka', 'Events', 'app'),
  entry('asana', 'Asana', 'Productivity', 'app'),
  entry('aurora', 'Aurora MySQL', 'Database', 'mysql', 3),
  entry('aurora_postgres', 'Aurora PostgreSQL', 'Database', 'postgres', 4),
  entry('aws_lambda', 'AWS Lambda', 'Function', 'sdk'),
  entry('azure_blob_storage', 'Azure Blob Storage', 'File', 'file'),
  entry('azure_postgres', 'Azure PostgreSQL Database', 'Database', 'postgres', 4),
  entry('azure_sql_db', 'Azure SQL Database', 'Database', 'sql_server', 2),
  entry('bamboohr', 'BambooHR', 'HumanResources', 'app'),
  entry('box', 'Box', 'File', 'file'),
  entry('connector_sdk', 'Connector SDK', 'Function', 'sdk'),
  entry('dropbox', 'Dropbox', 'File', 'file'),
  entry('dynamodb', 'DynamoDB', 'Database', 'document_db'),
  entry('facebook_ads', 'Facebook Ads', 'Marketing', 'marketing', 3),
  entry('fivetran_log', 'Fivetran Platform', 'Log', 'log'),
  entry('ftp', 'FTP', 'File', 'file'),
  entry('gcs', 'Google Cloud Storage', 'File', 'file'),
  entry('github', 'GitHub', 'Engineering', 'app', 2),
  entry('google_ads', 'Google Ads', 'Marketing', 'marketing', 5),
  entry('google_analytics_4', 'Google Analytics 4', 'Marketing', 'marketing'),
  entry('google_cloud_postgresql', 'Google Cloud PostgreSQL', 'Database', 'postgres', 4),
  entry('google_drive', 'Google Drive', 'File', 'file'),
  entry('google_sheets', 'Google Sheets', 'File', 'sheet'),
  entry('greenhouse', 'Greenhouse', 'HumanResources', 'app'),
  entry('hubspot', 'HubSpot', 'Marketing', 'app', 3),
  entry('intercom', 'Intercom', 'Support', 'app', 2),
  entry('itunes_connect', 'Apple App Store', 'Marketing', 'app'),
  entry('jira', 'Jira', 'Engineering', 'app', 2),
  entry('klaviyo', 'Klaviyo', 'Marketing', 'app', 2),
  entry('linkedin_ads', 'LinkedIn Ad Analytics', 'Marketing', 'marketing', 2),
  entry('mailchimp', 'Mailchimp', 'Marketing', 'app'),
  entry('maria', 'MariaDB', 'Database', 'mysql', 3),
  entry('marketo', 'Marketo', 'Marketing', 'app'),
  entry('mixpanel', 'Mixpanel', 'Events', 'app'),
  entry('mongo', 'MongoDB', 'Database', 'document_db', 2),
  entry('mysql', 'MySQL', 'Database', 'mysql', 3),
  entry('mysql_rds', 'Amazon RDS for MySQL', 'Database', 'mysql', 3),
  entry('netsuite_suiteanalytics', 'NetSuite SuiteAnalytics', 'Finance', 'app', 2),
  entry('oracle', 'Oracle', 'Database', 'oracle', 2),
  entry('pendo', 'Pendo', 'Productivity', 'app'),
  entry('postgres', 'PostgreSQL', 'Database', 'postgres', 4),
  entry('postgres_rds', 'Amazon RDS for PostgreSQL', 'Database', 'postgres', 4),
  entry('quickbooks', 'QuickBooks', 'Finance', 'app'),
  entry('s3', 'Amazon S3', 'File', 'file'),
  entry('salesforce', 'Salesforce', 'Sales', 'salesforce', 5),
  entry('salesforce_sandbox', 'Salesforce Sandbox', 'Sales', 'salesforce', 5),
  entry('segment', 'Segment', 'Events', 'app'),
  entry('sftp', 'SFTP', 'File', 'file'),
  entry('shopify', 'Shopify', 'API', 'app', 2),
  entry('slack', 'Slack', 'Productivity', 'app'),
  entry('snowflake_db', 'Snowflake', 'Database', 'warehouse_db'),
  entry('sql_server', 'SQL Server', 'Database', 'sql_server', 2),
  entry('sql_server_rds', 'Amazon RDS for SQL Server', 'Database', 'sql_server', 2),
  entry('stripe', 'Stripe', 'Finance', 'app', 2),
  entry('tiktok_ads', 'TikTok Ads', 'Marketing', 'marketing'),
  entry('webhooks', 'Webhooks', 'Events', 'app'),
  entry('workday', 'Workday Reports', 'HumanResources', 'app'),
  entry('xero', 'Xero', 'Finance', 'app'),
  entry('zendesk', 'Zendesk Support', 'Support', 'app', 2),
];

export interface DestinationService {
  id: string;
  name: string;
}

/** Destination (warehouse) services a group's destination may use. */
export const DESTINATION_SERVICES: readonly DestinationService[] = [
  { id: 'azure_sql_data_warehouse', name: 'Azure Synapse' },
  { id: 'big_query', name: 'BigQuery' },
  { id: 'databricks', name: 'Databricks' },
  { id: 'managed_big_query', name: 'Fivetran-managed BigQuery' },
  { id: 'mysql_warehouse', name: 'MySQL' },
  { id: 'postgres_rds_warehouse', name: 'Amazon RDS for PostgreSQL' },
  { id: 'postgres_warehouse', name: 'PostgreSQL' },
  { id: 'redshift', name: 'Redshift' },
  { id: 'snowflake', name: 'Snowflake' },
  { id: 'sql_server_warehouse', name: 'SQL Server' },
];

const CONNECTION_BY_ID = new Map(CONNECTION_SERVICES.map((s) => [s.id, s]));
const DESTINATION_BY_ID = new Map(DESTINATION_SERVICES.map((s) => [s.id, s]));

/** The catalogue entry of a connector service, or undefined when the sandbox does not support it. */
export function connectionService(id: string): ConnectionService | undefined {
  return CONNECTION_BY_ID.get(id);
}

/** The catalogue entry of a destination service, or undefined when unsupported. */
export function destinationService(id: string): DestinationService | undefined {
  return DESTINATION_BY_ID.get(id);
}
