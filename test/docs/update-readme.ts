/**
 * Rewrites the generated sections of README.md from the code: `npx tsx test/docs/update-readme.ts`.
 * Run it after changing a function, a step type or an example workflow's vars; the docs test says when.
 */
import { writeFileSync } from 'node:fs';
import { replaceGeneratedSections } from './markdown.js';
import { README, readReadme, renderSection } from './readme-sections.js';

const before = readReadme();
const after = replaceGeneratedSections(before, renderSection);
if (after === before) {
  console.log('README.md: generated sections are up to date');
} else {
  writeFileSync(README, after);
  console.log('README.md: generated sections rewritten');
}
