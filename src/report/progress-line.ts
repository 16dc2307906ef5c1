import type { ChalkInstance } from 'chalk';
import { formatDuration } from '../util/duration.js';
import type { ItemCounts } from './events.js';

/** What the live line knows about the step running now. */
export interface StepProgress {
  step: string;
  kind: string;
  /** Items of a fan-out step; undefined for a single step. */
  total?: number;
  counts: ItemCounts;
  startedAt: number;
  /** Until when requests are held back, and why (a rate limit, a retry). */
  waitUntil?: number;
  waitReason?: string;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const BAR_WIDTH = 20;

type Piece = { text: string; paint?: (text: string) => string };

/**
 * The progress line, cut to `width` columns so redrawing with a carriage return never wraps:
 * `⠹ migrate copy ━━━━━━━──── 45/100 · 40 ok · 2 failed · 12.5/s · ETA 4s · waiting 12s for rate limit`.
 */
export function progressLine(progress: StepProgress, now: number, frame: number, width: number, chalk: ChalkInstance): string {
  const elapsed = Math.max(0, now - progress.startedAt);
  const { counts, total } = progress;
  const done = counts.ok + counts.unchanged + counts.skipped + counts.failed;
  const pieces: Piece[] = [{ text: SPINNER[frame % SPINNER.length]!, paint: chalk.cyan }, { text: ` ${progress.step}`, paint: chalk.bold }, { text: ` ${progress.kind}`, paint: chalk.dim }];
  if (total !== undefined) {
    const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
    pieces.push({ text: ' ' }, { text: '━'.repeat(filled), paint: chalk.cyan }, { text: '─'.repeat(BAR_WIDTH - filled), paint: chalk.dim }, { text: ` ${done}/${total}` });
    for (const [name, paint] of [['ok', chalk.green], ['unchanged', chalk.dim], ['skipped', chalk.dim], ['failed', chalk.red]] as const) {
      if (counts[name] > 0) pieces.push({ text: ' · ' }, { text: `${counts[name]} ${name}`, paint });
    }
    const rate = elapsed >= 1000 && done > 0 ? done / (elapsed / 1000) : undefined;
    if (rate !== undefined) {
      pieces.push({ text: ` · ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s` });
      if (done < total) pieces.push({ text: ` · ETA ${formatDuration(((total - done) / rate) * 1000)}` });
    }
  } else {
    pieces.push({ text: ` · ${formatDuration(elapsed)}` });
  }
  if (progress.waitUntil !== undefined && progress.waitUntil > now) {
    pieces.push({ text: ' · ' }, { text: `waiting ${Math.ceil((progress.waitUntil - now) / 1000)}s for ${progress.waitReason ?? 'the API'}`, paint: chalk.yellow });
  }
  return fit(pieces, width);
}

/** Joins the pieces, painted, keeping at most `width - 1` visible characters (the cursor needs the last column). */
function fit(pieces: readonly Piece[], width: number): string {
  let room = Math.max(10, width - 1);
  let line = '';
  for (const piece of pieces) {
    if (room <= 0) break;
    const chars = [...piece.text];
    const text = chars.length > room ? `${chars.slice(0, Math.max(0, room - 1)).join('')}…` : piece.text;
    room -= Math.min(chars.length, room);
    line += piece.paint ? piece.paint(text) : text;
  }
  return line;
}
