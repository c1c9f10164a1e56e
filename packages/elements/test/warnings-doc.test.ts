/**
 * Every warning links to `https://quorum.dev/elements/warnings#<code>`, whose source is
 * docs/warnings.md: each code the elements can log needs a section there (heading = the code), and a
 * section whose code no longer exists misleads. The codes are read from the sources by
 * test/source-scan.ts, following codes that helpers build (`invalid-${attribute}`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPlace, packageDir, warningCodes } from './source-scan.js';

const docPath = join(packageDir, 'docs/warnings.md');

interface DocSection {
  code: string;
  line: number;
  body: string;
}

/** The `## <code>` sections of the page, each with its text up to the next one (code blocks included). */
function docSections(): DocSection[] {
  const lines = readFileSync(docPath, 'utf8').split('\n');
  const sections: DocSection[] = [];
  let inFence = false;
  lines.forEach((line, index) => {
    const heading = inFence ? null : /^## (.*)$/.exec(line);
    if (line.startsWith('```')) inFence = !inFence;
    if (heading) {
      sections.push({ code: (heading[1] ?? '').trim(), line: index + 1, body: '' });
      return;
    }
    const current = sections.at(-1);
    if (current) current.body += `${line}\n`;
  });
  return sections;
}

const { codes, unresolved } = warningCodes();
const sections = docSections();

test('the sources log warnings with codes the scanner can follow', () => {
  assert.deepEqual(unresolved, [], `Warning codes that test/source-scan.ts cannot follow back to a literal:\n${unresolved.join('\n')}`);
  assert.ok(codes.size >= 20, `only ${codes.size} warning codes found; is the scanner still reading the sources?`);
});

test('every warning code has a section in docs/warnings.md', () => {
  const documented = new Set(sections.map((section) => section.code));
  const missing = [...codes]
    .filter(([code]) => !documented.has(code))
    .map(([code, places]) => `${code} (logged at ${places.map(formatPlace).join(', ')})`);
  assert.deepEqual(missing, [], `Add a "## <code>" section to docs/warnings.md for:\n${missing.join('\n')}`);
});

test('every section of docs/warnings.md is a code the elements still log', () => {
  const stale = sections.filter((section) => !codes.has(section.code)).map((section) => `docs/warnings.md:${section.line}: ## ${section.code}`);
  assert.deepEqual(stale, [], `Sections for codes no element logs any more (remove or rename them):\n${stale.join('\n')}`);
});

test('each section says when it is logged, shows an example and how to fix it, once', () => {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const section of sections) {
    const where = `docs/warnings.md:${section.line} (${section.code})`;
    const first = seen.get(section.code);
    if (first !== undefined) problems.push(`${where}: repeats the section at line ${first}`);
    seen.set(section.code, section.line);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(section.code)) problems.push(`${where}: the heading must be the bare code, so #${section.code} works as an anchor`);
    if (!section.body.includes('**When.**')) problems.push(`${where}: no "**When.**" paragraph`);
    if (!/```[a-z]*\n[^`]+```/.test(section.body)) problems.push(`${where}: no example in a code block`);
    if (!section.body.includes('**Fix.**')) problems.push(`${where}: no "**Fix.**" paragraph`);
  }
  assert.deepEqual(problems, []);
});

test('the README links to the warnings page', () => {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  assert.ok(/\]\(docs\/warnings\.md\)/.test(readme), 'packages/elements/README.md should link to docs/warnings.md');
});
