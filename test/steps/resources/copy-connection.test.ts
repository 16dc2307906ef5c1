import { describe, expect, it } from 'vitest';
import { validateRequest } from '../../../src/openapi/validator.js';
import { copyConnectionBody } from '../../../src/steps/resources/copy-connection.js';

const source = {
  id: 'balmy_summit',
  group_id: 'old_group',
  service: 'postgres',
  schema: 'erp_pg',
  paused: false,
  pause_after_trial: false,
  sync_frequency: 1440,
  daily_sync_time: '03:00',
  schedule_type: 'auto',
  data_delay_sensitivity: 'NORMAL',
  data_delay_threshold: 0,
  networking_method: 'Directly',
  private_link_id: null,
  status: { setup_state: 'connected' },
  succeeded_at: '2026-01-05T16:30:00.000Z',
  config: { host: 'h', port: 5432, database: 'erp', user: 'u', password: '******', schema_prefix: 'erp_pg', update_method: 'WAL_PGOUTPUT', public_key: 'ssh-rsa AAA' },
};

describe('copy bodies', () => {
  it('keeps only what a create takes, paused, renamed, with secrets merged last', () => {
    const { body, dropped } = copyConnectionBody(source, { groupId: 'new_group', rename: { suffix: '_copy' }, secrets: { password: 'pw' }, overrides: {} });
    expect(body).toEqual({
      service: 'postgres',
      group_id: 'new_group',
      paused: true,
      pause_after_trial: false,
      sync_frequency: 1440,
      daily_sync_time: '03:00',
      schedule_type: 'auto',
      data_delay_sensitivity: 'NORMAL',
      data_delay_threshold: 0,
      networking_method: 'Directly',
      config: { host: 'h', port: 5432, database: 'erp', user: 'u', password: 'pw', schema_prefix: 'erp_pg_copy', update_method: 'WAL_PGOUTPUT' },
    });
    expect(dropped).toEqual(['public_key']);
    expect(validateRequest('POST', '/v1/connections', body)).toEqual([]);
  });

  it('lets the step override fields and config keys; a daily time goes only with the daily frequency', () => {
    const { body } = copyConnectionBody(source, { groupId: 'g', rename: { name: 'erp_new' }, secrets: {}, overrides: { paused: false, sync_frequency: 60, config: { host: 'h2' } } });
    expect(body).toMatchObject({ paused: false, sync_frequency: 60, config: { host: 'h2', schema_prefix: 'erp_new', password: '******' } });
    expect(body).not.toHaveProperty('daily_sync_time');
  });

  it('fills naming keys a source config lacks from its reported name, and keeps unknown services whole', () => {
    const sheet = { id: 's', service: 'google_sheets', schema: 'fin.budget', config: { sheet_id: 'x', named_range: 'r' } };
    expect(copyConnectionBody(sheet, { groupId: 'g', rename: {}, secrets: {}, overrides: {} }).body.config).toEqual({ sheet_id: 'x', named_range: 'r', schema: 'fin', table: 'budget' });
    const future = { id: 'f', service: 'not_in_definition', schema: 'f', config: { schema: 'f', anything: 1 } };
    expect(copyConnectionBody(future, { groupId: 'g', rename: {}, secrets: {}, overrides: {} })).toMatchObject({ body: { config: { schema: 'f', anything: 1 } }, dropped: [] });
  });

  it('refuses something that is not a connection', () => {
    expect(() => copyConnectionBody({ id: 'x' }, { groupId: 'g', rename: {}, secrets: {}, overrides: {} })).toThrow("input 'from' is not a connection");
  });
});
