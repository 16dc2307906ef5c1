/**
 * Reads the parts of a Markdown file the docs tests check: fenced code blocks (with the
 * `<!-- docs: … -->` marker written just above them), the shell commands inside `sh` blocks, and
 * generated sections between `<!-- generated: NAME -->` and `<!-- end generated -->`.
 */

export interface CodeBlock {
  /** The first word of the info string: `sh`, `yaml`, `ts`… */
  lang: string;
  /** The block's content, without the fences. */
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** What the `<!-- docs: … -->` comment on the line before the fence says, if there is one. */
  marker?: string;
}

const FENCE = /^(\s{0,3})(`{3,}|~{3,})\s*([^\s`]*)/;
const MARKER = /^<!--\s*docs:\s*(.*?)\s*-->$/;

/** Every fenced code block, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang] = open as unknown as [string, string, string, string];
    const close = new RegExp(`^\\s{0,3}\\${fence[0]}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (close.test(line)) break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    const previous = lines[i - 1]?.trim() ?? '';
    const marker = MARKER.exec(previous)?.[1];
    blocks.push({ lang: lang.toLowerCase(), text: body.join('\n'), line: i + 1, ...(marker !== undefined ? { marker } : {}) });
    i = j;
  }
  return blocks;
}

export interface ShellCommand {
  /** The command as a shell would read it (continuation lines joined). */
  text: string;
  /** 1-based line in the Markdown file. */
  line: number;
  /** From a trailing comment such as `# exit 2: …`; 0 when the line does not say. */
  expectedExit: number;
}

/**
 * The commands of an `sh` block: one per line (a trailing `\` continues it), comment lines skipped.
 * A trailing comment naming `exit N` (or `exit code N`) states the exit code the command must give.
 */
export function shellCommands(block: CodeBlock): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const lines = block.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i]!.trim();
    while (text.endsWith('\\') && i + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
    if (text === '' || text.startsWith('#')) continue;
    const comment = trailingComment(text);
    const exit = comment === undefined ? undefined : /\bexit(?: code)? (\d+)\b/.exec(comment)?.[1];
    commands.push({ text, line: block.line + 1 + start, expectedExit: exit === undefined ? 0 : Number(exit) });
  }
  return commands;
}

/** The text after an unquoted ` #`, where a shell comment starts. */
export function trailingComment(command: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const char = command[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"') i++;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '\\') {
      i++;
    } else if (char === '#' && (i === 0 || /\s/.test(command[i - 1]!))) {
      return command.slice(i + 1);
    }
  }
  return undefined;
}

export interface GeneratedSection {
  name: string;
  /** The content between the two markers, without the marker lines. */
  content: string;
}

const SECTION = /<!-- generated: (.+?) -->\n([\s\S]*?)<!-- end generated -->/g;

/** Every `<!-- generated: NAME -->` … `<!-- end generated -->` section. */
export function generatedSections(markdown: string): GeneratedSection[] {
  return [...markdown.matchAll(SECTION)].map((m) => ({ name: m[1]!, content: m[2]! }));
}

/** The Markdown with each generated section's content replaced by `render(name)`. */
export function replaceGeneratedSections(markdown: string, render: (name: string) => string): string {
  return markdown.replace(SECTION, (_all, name: string) => `<!-- generated: ${name} -->\n${render(name)}<!-- end generated -->`);
}

/** The text of the section under a `## heading` (up to the next heading of the same or a higher level). */
export function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^#{1,6} /.test(line) && line.replace(/^#+ /, '') === heading);
  if (start < 0) throw new Error(`no heading '${heading}'`);
  const level = /^#+/.exec(lines[start]!)![0].length;
  let end = start + 1;
  while (end < lines.length && !(new RegExp(`^#{1,${level}} `).test(lines[end]!) && !insideFence(lines, end))) end++;
  return lines.slice(start + 1, end).join('\n');
}

/** Whether line `index` sits inside a fenced code block (a `# comment` in a shell block is not a heading). */
function insideFence(lines: readonly string[], index: number): boolean {
  let open = false;
  for (let i = 0; i < index; i++) if (FENCE.test(lines[i]!)) open = !open;
  return open;
}
