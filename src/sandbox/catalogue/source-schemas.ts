/**
 * What each kind of source "contains" when a schema is reloaded: schemas, tables and columns with
 * realistic source names (Salesforce `Account.AccountNumber`, SQL Server `dbo.PayrollRuns`, mixed-case
 * Postgres tables) so name mapping and rewrite-sql have something real to chew on.
 */
import type { SourceFamily } from './services.js';

export interface SourceColumn {
  name: string;
  type: string;
  primaryKey: boolean;
}

export interface SourceTable {
  name: string;
  columns: SourceColumn[];
  /** Why the table cannot be enabled, if it cannot. */
  blocked?: { reason_code: 'SYSTEM_TABLE' | 'OTHER'; reason?: string };
  supportsColumns: boolean;
  supportsHistory: boolean;
}

export interface SourceSchema {
  name: string;
  tables: SourceTable[];
}

/** `'*Id:id Name:string'`: space-separated `name:type`, `*` marks the primary key. */
function columns(spec: string): SourceColumn[] {
  return spec.split(/\s+/).filter(Boolean).map((token) => {
    const primaryKey = token.startsWith('*');
    const [name, type] = token.replace(/^\*/, '').split(':') as [string, string | undefined];
    return { name, type: type ?? 'string', primaryKey };
  });
}

function table(name: string, spec: string, extra: Partial<SourceTable> = {}): SourceTable {
  return { name, columns: columns(spec), supportsColumns: true, supportsHistory: true, ...extra };
}

const systemTable = (name: string, spec: string): SourceTable =>
  table(name, spec, { blocked: { reason_code: 'SYSTEM_TABLE' }, supportsColumns: false, supportsHistory: false });

const POSTGRES: SourceSchema[] = [
  {
    name: 'public',
    tables: [
      table('Customers', '*CustomerID:integer FirstName:string LastName:string Email:string CreatedAt:timestamp IsActive:boolean'),
      table('Orders', '*OrderID:integer CustomerID:integer OrderDate:date TotalAmount:decimal Status:string UpdatedAt:timestamp'),
      table('OrderItems', '*OrderItemID:integer OrderID:integer ProductID:integer Quantity:integer UnitPrice:decimal'),
      table('products', '*id:integer sku:string name:string unit_price:decimal discontinued:boolean'),
      systemTable('pg_stat_activity', 'pid:integer usename:string state:string query:string'),
    ],
  },
  {
    name: 'Sales',
    tables: [
      table('Invoices', '*InvoiceID:integer CustomerID:integer InvoiceDate:date DueDate:date AmountDue:decimal'),
      table('InvoiceLines', '*InvoiceLineID:integer InvoiceID:integer Description:string LineTotal:decimal'),
    ],
  },
  { name: 'audit', tables: [table('EventLog', '*EventID:long EventType:string Payload:json OccurredAt:timestamp', { supportsHistory: false })] },
];

const SQL_SERVER: SourceSchema[] = [
  {
    name: 'dbo',
    tables: [
      table('Employees', '*EmployeeID:integer FirstName:string LastName:string DepartmentID:integer HireDate:date Salary:decimal'),
      table('Departments', '*DepartmentID:integer DepartmentName:string ManagerID:integer'),
      table('PayrollRuns', '*PayrollRunID:integer PeriodStart:date PeriodEnd:date GrossTotal:decimal PostedAt:timestamp'),
      systemTable('sysdiagrams', 'diagram_id:integer name:string definition:binary'),
    ],
  },
  {
    name: 'HR',
    tables: [
      table('Teams', '*TeamID:integer TeamName:string CostCenter:string'),
      table('Payroll', '*PayrollID:integer EmployeeID:integer Amount:decimal PaidOn:date'),
      table('Recruiting', '*CandidateID:integer FullName:string Stage:string AppliedOn:date'),
      table('events', '*EventID:integer EmployeeID:integer EventType:string EventDate:date'),
    ],
  },
];

const MYSQL: SourceSchema[] = [
  {
    name: 'shop',
    tables: [
      table('orders', '*id:integer customer_id:integer created_at:timestamp total:decimal status:string'),
      table('customers', '*id:integer email:string full_name:string created_at:timestamp'),
      table('order_items', '*id:integer order_id:integer product_id:integer qty:integer price:decimal'),
      table('CustomerNotes', '*NoteID:integer CustomerID:integer NoteText:string CreatedAt:timestamp'),
    ],
  },
];

const ORACLE: SourceSchema[] = [
  {
    name: 'HR',
    tables: [
      table('EMPLOYEES', '*EMPLOYEE_ID:integer FIRST_NAME:string LAST_NAME:string EMAIL:string HIRE_DATE:date JOB_ID:string SALARY:decimal'),
      table('DEPARTMENTS', '*DEPARTMENT_ID:integer DEPARTMENT_NAME:string LOCATION_ID:integer'),
      table('JOBS', '*JOB_ID:string JOB_TITLE:string MIN_SALARY:decimal MAX_SALARY:decimal'),
    ],
  },
];

const DOCUMENT_DB: SourceSchema[] = [
  {
    name: 'app',
    tables: [
      table('users', '*_id:string data:json'),
      table('events', '*_id:string data:json'),
      table('sessions', '*_id:string data:json', { supportsColumns: false }),
    ],
  },
];

const WAREHOUSE_DB: SourceSchema[] = [
  {
    name: 'ANALYTICS',
    tables: [
      table('DAILY_REVENUE', '*REVENUE_DATE:date REGION:string REVENUE:decimal'),
      table('CUSTOMER_LTV', '*CUSTOMER_ID:string LTV:decimal COMPUTED_AT:timestamp'),
    ],
  },
];

const SALESFORCE_TABLES: SourceTable[] = [
  table(
    'Account',
    '*Id:string AccountNumber:string Name:string Type:string Industry:string AnnualRevenue:decimal OwnerId:string ' +
      'CreatedById:string CreatedDate:timestamp LastModifiedDate:timestamp IsDeleted:boolean Region__c:string SystemModstamp:timestamp',
  ),
  table('Contact', '*Id:string AccountId:string FirstName:string LastName:string Email:string MailingCity:string CreatedById:string IsDeleted:boolean'),
  table(
    'Opportunity',
    '*Id:string AccountId:string Name:string StageName:string Amount:decimal CloseDate:date Probability:decimal ' +
      'ForecastCategory:string IsClosed:boolean IsWon:boolean CreatedById:string IsDeleted:boolean Discount__c:decimal',
  ),
  table('Lead', '*Id:string FirstName:string LastName:string Company:string Status:string LeadSource:string ConvertedAccountId:string IsDeleted:boolean'),
  table('User', '*Id:string Username:string Email:string FirstName:string LastName:string IsActive:boolean UserRoleId:string'),
  table('Case', '*Id:string AccountId:string CaseNumber:string Subject:string Status:string Priority:string ClosedDate:timestamp IsDeleted:boolean'),
  table('Campaign', '*Id:string Name:string Type:string Status:string BudgetedCost:decimal StartDate:date'),
  table('OpportunityHistory', '*Id:string OpportunityId:string StageName:string Amount:decimal CreatedDate:timestamp', { supportsHistory: false }),
  table('Attachment', '*Id:string ParentId:string Name:string Body:binary', {
    blocked: { reason_code: 'OTHER', reason: 'Binary attachment bodies cannot be synced' },
    supportsColumns: false,
    supportsHistory: false,
  }),
];

const MARKETING_TABLES: SourceTable[] = [
  table('accounts', '*id:string name:string currency:string time_zone:string'),
  table('campaigns', '*id:string account_id:string name:string status:string daily_budget:decimal'),
  table('ad_groups', '*id:string campaign_id:string name:string status:string'),
  table('ads', '*id:string ad_group_id:string headline:string final_url:string'),
  table('ad_stats', '*date:date *ad_id:string impressions:long clicks:long spend:decimal conversions:decimal', { supportsHistory: false }),
];

const APP_TABLES: Record<string, string[]> = {
  '15five': ['user', 'check_in', 'high_five', 'objective'],
  amplitude: ['event', 'user', 'cohort'],
  apache_kafka: ['message'],
  asana: ['project', 'task', 'user', 'team'],
  bamboohr: ['employee', 'time_off_request', 'job_history'],
  github: ['repository', 'issue', 'pull_request', 'commit', 'user'],
  greenhouse: ['candidate', 'application', 'job', 'interview'],
  hubspot: ['company', 'contact', 'deal', 'engagement', 'owner'],
  intercom: ['conversation', 'contact', 'company', 'admin'],
  itunes_connect: ['app', 'sales_report', 'app_store_review'],
  jira: ['issue', 'project', 'sprint', 'user', 'comment'],
  klaviyo: ['campaign', 'flow', 'metric', 'person', 'event'],
  mailchimp: ['list', 'member', 'campaign', 'automation'],
  marketo: ['lead', 'activity', 'campaign', 'program'],
  mixpanel: ['event', 'people', 'cohort'],
  netsuite_suiteanalytics: ['transaction', 'transaction_line', 'account', 'customer', 'vendor'],
  pendo: ['visitor', 'account', 'page', 'feature', 'event'],
  quickbooks: ['invoice', 'customer', 'bill', 'payment', 'account'],
  segment: ['tracks', 'identifies', 'pages', 'users'],
  shopify: ['order', 'order_line', 'customer', 'product', 'product_variant'],
  slack: ['channel', 'message', 'user'],
  stripe: ['charge', 'customer', 'invoice', 'subscription', 'balance_transaction'],
  webhooks: ['webhook_event'],
  workday: ['report_row'],
  xero: ['invoice', 'contact', 'account', 'journal', 'payment'],
  zendesk: ['ticket', 'ticket_comment', 'user', 'organization', 'group'],
};

const LOG_TABLES: SourceTable[] = [
  table('account', '*id:string name:string country:string created_at:timestamp status:string'),
  table('connection', '*connection_id:string connection_name:string connector_type:string destination_id:string paused:boolean'),
  table('destination', '*id:string account_id:string region:string created_at:timestamp'),
  table('log', '*id:string *time_stamp:timestamp connection_id:string event:string message_event:string message_data:string'),
  table('incremental_mar', '*connection_name:string *table_name:string *measured_date:date incremental_rows:long'),
];

function appTables(service: string): SourceTable[] {
  const names = APP_TABLES[service] ?? ['record'];
  return names.map((name) => table(name, '*id:string name:string created_at:timestamp updated_at:timestamp _deleted:boolean'));
}

/** Where a connection's data lands and what the source names are; depends on its naming keys. */
export interface CatalogueTarget {
  service: string;
  family: SourceFamily;
  /** The connection's `schema` field (prefix, schema, or `schema.table`). */
  schema: string;
  config: Record<string, unknown>;
}

function singleSchema(target: CatalogueTarget, tables: SourceTable[]): SourceSchema[] {
  const name = typeof target.config.schema === 'string' ? target.config.schema : target.schema.split('.')[0] ?? target.schema;
  return [{ name, tables }];
}

function fileTables(target: CatalogueTarget): SourceTable[] {
  const fileColumns = '*_file:string *_line:long _modified:timestamp id:string name:string amount:decimal updated_at:timestamp';
  const files = Array.isArray(target.config.files) ? (target.config.files as { table_name?: unknown }[]) : [];
  const names = files.map((f) => f.table_name).filter((n): n is string => typeof n === 'string');
  if (names.length === 0) {
    const single = target.config.table ?? target.config.table_group_name;
    names.push(typeof single === 'string' ? single : 'files');
  }
  return names.map((name) => table(name, fileColumns));
}

/** The source schemas a reload of this connection finds. */
export function sourceSchemasFor(target: CatalogueTarget): SourceSchema[] {
  switch (target.family) {
    case 'postgres':
      return POSTGRES;
    case 'sql_server':
      return SQL_SERVER;
    case 'mysql':
      return typeof target.config.database === 'string' ? [{ ...(MYSQL[0] as SourceSchema), name: target.config.database }] : MYSQL;
    case 'oracle':
      return ORACLE;
    case 'document_db':
      return DOCUMENT_DB;
    case 'warehouse_db':
      return WAREHOUSE_DB;
    case 'salesforce':
      return [{ name: 'salesforce', tables: SALESFORCE_TABLES }];
    case 'file':
      return singleSchema(target, fileTables(target));
    case 'sheet': {
      const tableName = typeof target.config.table === 'string' ? target.config.table : 'sheet';
      return singleSchema(target, [table(tableName, '*_row:long date:date category:string amount:decimal notes:string', { supportsHistory: false })]);
    }
    case 'marketing':
      return singleSchema(target, MARKETING_TABLES);
    case 'log':
      return singleSchema(target, LOG_TABLES);
    case 'sdk':
      return singleSchema(target, [table('records', '*id:string payload:json updated_at:timestamp')]);
    case 'app':
      return singleSchema(target, appTables(target.service));
  }
}
