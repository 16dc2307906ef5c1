// B3's baseline, a plain Node script as someone would write it by hand: follow next_cursor with
// undici and write each page's rows as it arrives. Run as its own process (like atlas-run), so both
// sides pay their start-up.
//   node bench/support/bare-csv-loop.mjs <api url> <key> <secret> <out.csv> <column,column,…>
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Buffer } from 'node:buffer';
import { Pool } from 'undici';

const [url, key, secret, file, columnList] = process.argv.slice(2);
const columns = columnList.split(',');
const base = new URL(url);
const pool = new Pool(base.origin);
const headers = { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, accept: 'application/json;version=2' };
const field = (value) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const out = createWriteStream(file);
out.write(`${columns.join(',')}\n`);
let cursor;
do {
  const response = await pool.request({ method: 'GET', path: `${base.pathname}/connections?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers });
  if (response.statusCode !== 200) throw new Error(`GET connections → ${response.statusCode}`);
  const page = await response.body.json();
  let chunk = '';
  for (const item of page.data.items) chunk += `${columns.map((name) => field(item[name])).join(',')}\n`;
  if (!out.write(chunk)) await once(out, 'drain');
  cursor = page.data.next_cursor;
} while (cursor);
out.end();
await once(out, 'finish');
await pool.close();
