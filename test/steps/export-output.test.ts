import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepContext, StepMessage } from '../../src/steps/define-step.js';
import { exportStep } from '../../src/steps/export.js';
import { cellText, csvLayout, jsonLayout, markdownCell, markdownLayout, markdownWidths, textLayout } from '../../src/steps/output/row-layouts.js';
import { ChunkedWriter } from '../../src/steps/output/text-sink.js';
import type { TextSink } from '../../src/steps/output/text-sink.js';

/** Just what export uses of a step context: files and say. */
function fileContext(dir: string, said: StepMessage[] = []): StepContext {
  return { files: { baseDir: dir, roots: [dir], maxReadBytes: 1 << 20 }, say: (message: StepMessage) => said.push(message) } as unknown as StepContext;
}

describe('row layouts', () => {
  it('writes cells as text: strings as they are, numbers and booleans, nothing for null, JSON for the rest', () => {
    expect([cellText('a'), cellText(1.5), cellText(false), cellText(null), cellText(undefined), cellText({ a: [1] })]).toEqual(['a', '1.5', 'false', '', '', '{"a":[1]}']);
  });

  it('quotes CSV fields with commas, quotes, line breaks or edge spaces only', () => {
    const csv = csvLayout(['a', 'b']);
    expect(csv.start()).toBe('a,b\n');
    expect(csv.row(['plain', 'x,y'])).toBe('plain,"x,y"\n');
    expect(csv.row(['say "hi"', 'two\nlines'])).toBe('"say ""hi""","two\nlines"\n');
    expect(csv.row([' lead', 'trail '])).toBe('" lead","trail "\n');
    expect(csv.row([null, 3])).toBe(',3\n');
  });

  it('keeps Markdown tables intact whatever the cells hold', () => {
    expect(markdownCell('a|b\nc\\d')).toBe('a\\|b<br>c\\\\d');
    const widths = markdownWidths(['id', 'n'], [['long-id', 1]]);
    expect(widths).toEqual([7, 3]);
    const table = markdownLayout(['id', 'n'], widths);
    expect(table.start() + table.row(['long-id', 1])).toBe('| id      | n   |\n| ------- | --- |\n| long-id | 1   |\n');
    const unaligned = markdownLayout(['id']);
    expect(unaligned.start() + unaligned.row(['x'])).toBe('| id |\n| --- |\n| x |\n');
  });

  it('writes a JSON array one element per line, and text with header and footer as lines', () => {
    const json = jsonLayout();
    expect(json.start() + json.row({ a: 1 }) + json.row(null) + json.end()).toBe('[\n{"a":1},\nnull\n]\n');
    const empty = jsonLayout();
    expect(empty.start() + empty.end()).toBe('[]\n');
    const text = textLayout('head', 'foot\n');
    expect(text.start() + text.row('x') + text.row('') + text.end()).toBe('head\nx\nfoot\n');
  });
});

describe('streaming', () => {
  it('hands the sink chunks of bounded size, never the whole output', async () => {
    const chunks: number[] = [];
    const sink: TextSink = { write: async (chunk) => void chunks.push(chunk.length), finish: async () => undefined, abort: async () => undefined };
    const writer = new ChunkedWriter(sink, 1000);
    for (let i = 0; i < 10_000; i++) await writer.add(`row ${i} é\n`);
    await writer.flush();
    expect(chunks.length).toBeGreaterThan(50);
    expect(Math.max(...chunks)).toBeLessThan(1000 + 20);
    expect(writer.bytes).toBe(Array.from({ length: 10_000 }, (_, i) => Buffer.byteLength(`row ${i} é\n`)).reduce((a, b) => a + b));
  });

  it('exports 100,000 rows to CSV in well under the time budget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-big-'));
    const items = Array.from({ length: 100_000 }, (_, i) => ({ id: `conn_${i}`, schema: `schema_${i % 300}`, paused: i % 7 === 0, frequency: 360, config: { host: 'h' } }));
    const started = performance.now();
    const output = await exportStep.run(fileContext(dir), { format: 'csv', items, file: 'big.csv' });
    const elapsed = performance.now() - started;
    const text = readFileSync(join(dir, 'big.csv'), 'utf8');
    const lines = text.split('\n');
    expect(lines.length).toBe(100_002);
    expect(lines[0]).toBe('id,schema,paused,frequency');
    expect(lines[100_000]).toBe('conn_99999,schema_99,false,360');
    expect(output).toMatchObject({ count: 100_000, bytes: statSync(join(dir, 'big.csv')).size });
    expect(elapsed).toBeLessThan(5000);
  });

  it('prints in chunks that end at line ends', async () => {
    const said: StepMessage[] = [];
    const items = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    await exportStep.run(fileContext(tmpdir(), said), { format: 'text', items });
    expect(said.length).toBeGreaterThan(1);
    const text = said.map((m) => (m.kind === 'print' ? `${m.text}\n` : '')).join('');
    expect(text).toBe(`${items.join('\n')}\n`);
  });
});
