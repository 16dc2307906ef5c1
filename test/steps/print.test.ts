import { describe, expect, it } from 'vitest';
import type { PrintEvent, RunEvent } from '../../src/report/events.js';
import { printSegments } from '../../src/steps/print.js';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ rateLimit: false });
const prints = (events: RunEvent[]): PrintEvent[] => events.filter((e): e is PrintEvent => e.type === 'print');

describe('print', () => {
  it("prints the seed's status line per connection: label/value segments coloured in turn", async () => {
    const connections = [
      { service: 'postgres', status: { sync_state: 'scheduled' }, sync_frequency: 360 },
      { service: 'sql_server', status: { sync_state: 'syncing' }, sync_frequency: 60 },
    ];
    const { summary, events } = await runYaml(
      `name: status
vars:
  connections: { type: list }
steps:
  - id: status
    foreach: \${{ vars.connections }}
    concurrency: 1
    print:
    fields:
      Type: \${{ item.service }}
      Status: \${{ item.status.sync_state }}
      Frequency: \${{ item.sync_frequency }}
`,
      sandbox,
      { vars: { connections } },
    );
    expect(summary.status).toBe('ok');
    const lines = prints(events);
    expect(lines.map((e) => e.text)).toEqual(['Type: postgres Status: scheduled Frequency: 360', 'Type: sql_server Status: syncing Frequency: 60']);
    expect(lines[0]!.segments).toEqual([
      { label: 'Type', value: 'postgres', color: 'magenta' },
      { label: 'Status', value: 'scheduled', color: 'blue' },
      { label: 'Frequency', value: '360', color: 'yellow' },
    ]);
    expect(lines[0]!.level).toBeUndefined();
    expect(summary.steps.status!.outputs.items).toMatchObject([{ text: lines[0]!.text }, { text: lines[1]!.text }]);
    expect(sandbox.stats().writes.total).toBe(0);
  });

  it('prints a plain message without segments, a coloured one with one segment, and carries the level', async () => {
    const { events } = await runYaml(
      `name: messages
vars:
  group: { default: warehouse_legacy }
steps:
  - id: plain
    print: "group \${{ vars.group }}"
  - id: green
    print: done
    color: green
  - id: warn
    print: 3 connections are broken
    level: warning
  - id: blank
    print:
`,
      sandbox,
    );
    expect(prints(events).map(({ type: _type, ...rest }) => rest)).toEqual([
      { step: 'plain', text: 'group warehouse_legacy' },
      { step: 'green', text: 'done', segments: [{ value: 'done', color: 'green' }] },
      { step: 'warn', text: '3 connections are broken', level: 'warning' },
      { step: 'blank', text: '' },
    ]);
  });

  it('fails validation on an unknown colour, with the allowed ones', async () => {
    const error = await runYaml(`name: bad\nsteps:\n  - print: hi\n    color: purple\n`, sandbox).catch((e: unknown) => e);
    expect(String(error)).toContain("input 'color' must be one of red, green, yellow, blue, magenta, cyan, white, gray, got string 'purple'");
  });

  it('builds segments: message first, then fields; one colour given colours them all; values as text', () => {
    expect(printSegments({ message: 'hi', fields: { n: 1, list: [1, 2], none: null }, color: 'cyan' })).toEqual([
      { value: 'hi', color: 'cyan' },
      { label: 'n', value: '1', color: 'cyan' },
      { label: 'list', value: '[1,2]', color: 'cyan' },
      { label: 'none', value: '', color: 'cyan' },
    ]);
    expect(printSegments({ fields: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 } }).map((s) => s.color)).toEqual(['magenta', 'blue', 'yellow', 'cyan', 'green', 'magenta']);
  });
});
