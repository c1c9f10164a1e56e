// Builds every package: generated sources first (precompiled Ajv validators), then
// declarations and type-checking (tsc -b), then JavaScript and bundles (rollup).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

for (const name of ['schema', 'elements', 'templates', 'consolidate', 'cli']) {
  const generator = join(root, 'packages', name, 'scripts', 'generate.mjs');
  if (existsSync(generator)) run(process.execPath, [generator]);
}
run(bin('tsc'), ['-b']);
run(bin('rollup'), ['-c', '--silent']);
for (const name of ['schema', 'elements', 'templates', 'consolidate', 'cli']) {
  const post = join(root, 'packages', name, 'scripts', 'postbuild.mjs');
  if (existsSync(post)) run(process.execPath, [post]);
}
