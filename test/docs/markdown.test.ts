import { describe, expect, it } from 'vitest';
import { codeBlocks, generatedSections, replaceGeneratedSections, section, shellCommands, trailingComment } from './markdown.js';

const DOC = `# Title

Intro.

<!-- docs: not run: needs an account -->
\`\`\`sh
npm install
\`\`\`

## Usage

\`\`\`sh
# a comment line
atlas-run call GET groups
atlas-run validate broken.yml   # exit 2: problems
atlas-run plan a.yml \\
  --out plan.json
echo '# not a comment' "also # not"   # exit code 3
\`\`\`

- a list item with a block:

  ~~~yaml
  name: x
  ~~~

<!-- generated: things -->
| a |
<!-- end generated -->

## Last
final words
`;

describe('codeBlocks', () => {
  const blocks = codeBlocks(DOC);

  it('finds fenced blocks with their language, line and the marker above them', () => {
    expect(blocks.map((b) => [b.lang, b.line, b.marker])).toEqual([
      ['sh', 6, 'not run: needs an account'],
      ['sh', 12, undefined],
      ['yaml', 23, undefined],
    ]);
  });

  it('removes the indentation of a block inside a list item', () => {
    expect(blocks[2]!.text).toBe('name: x');
  });
});

describe('shellCommands', () => {
  const commands = shellCommands(codeBlocks(DOC)[1]!);

  it('gives one command per line, joins continuations and skips comment lines', () => {
    expect(commands.map((c) => [c.line, c.text.split('   #')[0]])).toEqual([
      [14, 'atlas-run call GET groups'],
      [15, 'atlas-run validate broken.yml'],
      [16, 'atlas-run plan a.yml --out plan.json'],
      [18, `echo '# not a comment' "also # not"`],
    ]);
  });

  it('reads the expected exit code from a trailing comment, 0 otherwise', () => {
    expect(commands.map((c) => c.expectedExit)).toEqual([0, 2, 0, 3]);
  });
});

describe('trailingComment', () => {
  it.each([
    ['a b # c', ' c'],
    ['a "#b" c', undefined],
    ["a '#b' # c", ' c'],
    ['a b#c', undefined],
    ['a \\# b', undefined],
    ['a "x\\"#" # y', ' y'],
  ])('%s → %s', (command, comment) => {
    expect(trailingComment(command)).toBe(comment);
  });
});

describe('generated sections', () => {
  it('are found and replaced by name', () => {
    expect(generatedSections(DOC)).toEqual([{ name: 'things', content: '| a |\n' }]);
    const replaced = replaceGeneratedSections(DOC, (name) => `| ${name} |\n`);
    expect(generatedSections(replaced)).toEqual([{ name: 'things', content: '| things |\n' }]);
    expect(replaced.replace('| things |', '| a |')).toBe(DOC);
  });
});

describe('section', () => {
  it('is the text under a heading up to the next one of its level, ignoring # lines in code', () => {
    const usage = section(DOC, 'Usage');
    expect(usage).toContain('atlas-run call GET groups');
    expect(usage).toContain('# a comment line');
    expect(usage).not.toContain('final words');
    expect(section(DOC, 'Last')).toBe('final words\n');
  });

  it('throws for a heading that does not exist', () => {
    expect(() => section(DOC, 'Nope')).toThrow(/no heading 'Nope'/);
  });
});
