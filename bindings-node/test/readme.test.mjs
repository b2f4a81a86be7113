// Docs are tests: the root README's JavaScript tour runs against the built package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const pkg = pathToFileURL(join(here, '..', 'index.mjs')).href;

test("the root README's js blocks run", async () => {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length > 0);
  const dir = mkdtempSync(join(here, '.readme-'));
  try {
    for (const [i, block] of blocks.entries()) {
      const file = join(dir, `block-${i}.mjs`);
      writeFileSync(file, block.replaceAll("from 'studio-permissions'", `from '${pkg}'`));
      await import(pathToFileURL(file).href);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
