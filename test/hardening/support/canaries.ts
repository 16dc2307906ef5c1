import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Secret values planted in a run; none may be found in anything atlas-run prints or writes. */
export interface Canaries {
  /** FIVETRAN_API_SECRET. */
  apiSecret: string;
  /** The API key it pairs with (not a secret itself; the Basic credential made of both is). */
  apiKey: string;
  /** A database password read with `secret('CANARY_DB_PASSWORD')` (and by name through `password_env`). */
  dbPassword: string;
  /** The value of a var declared `secret: true`. */
  secretVar: string;
}

/** Fresh canaries: random, so a match can only be a leak. */
export function makeCanaries(): Canaries {
  const tag = (): string => randomBytes(6).toString('hex');
  return { apiSecret: `api-secret-${tag()}`, apiKey: `key-${tag()}`, dbPassword: `db-password-${tag()}`, secretVar: `secret-var-${tag()}` };
}

/** Every form a canary could leak in: as written, base64, URL-encoded, and the Basic credential made with it. */
export function leakForms(canaries: Canaries): Map<string, string> {
  const forms = new Map<string, string>();
  for (const [name, value] of Object.entries(canaries) as [keyof Canaries, string][]) {
    if (name === 'apiKey') continue;
    forms.set(value, name);
    forms.set(Buffer.from(value).toString('base64'), `${name} (base64)`);
    forms.set(encodeURIComponent(value), `${name} (URL-encoded)`);
  }
  forms.set(Buffer.from(`${canaries.apiKey}:${canaries.apiSecret}`).toString('base64'), 'Basic credential');
  return forms;
}

/** The canaries (in any form) found in `text`, as `name in where`. */
export function leaksIn(text: string, where: string, canaries: Canaries): string[] {
  return [...leakForms(canaries)].filter(([form]) => text.includes(form)).map(([, name]) => `${name} in ${where}`);
}

/** Every regular file below `dir` (journals, plans, reports), with its text. */
export function filesBelow(dir: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) found.push({ path, text: readFileSync(path, 'utf8') });
    }
  };
  walk(dir);
  return found;
}
