// Docs are tests: every `js` block of README.md, the package READMEs and
// docs/*.md (as tests/docs/fenced_blocks.py reads them, for this test and the
// Python one) runs as its own Node program, from the repository root (so the
// examples' paths resolve), against the built package. Inside the package
// folder `studio-permissions` resolves to this package by its own name.
//
// A block's comments are checked too, where they state a result: a line
// `expr; // 'edit'` (a string, number, boolean, null or array/object literal)
// asserts that `expr` equals it, and `expr; // throws unknown_area…` (or
// `// throws TypeError…`) asserts that it throws that code or class. A claim
// with "when" in it ("throws … when refused") is a condition, not checked.
//
// A block that cannot run here is marked on the line before its fence:
// `<!-- snippet: not run (the reason) -->` (or `run by <script> (...)`, for a
// script that runs it as written); one marked `<!-- snippet: after
// "Heading" -->` runs after the first js block under that heading (it uses
// its names). The Python test over the docs checks that every block of every
// language is run or marked.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
// The one reader of the docs' blocks and markers (the pytest test imports
// it): every block of README.md, the package READMEs and docs/*.md, with its
// marker parsed, and `after` resolved to the line of the block it follows.
const READER = join(root, 'tests', 'docs', 'fenced_blocks.py');

/** Every fenced block of the docs, as the reader prints them. */
export function docBlocks() {
  const run = spawnSync('python3', [READER, '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw new Error(`python3 ${READER}: ${run.error.message} (the docs' reader needs python3)`);
  if (run.status !== 0) throw new Error(`python3 ${READER} --json failed:\n${run.stderr}`);
  return JSON.parse(run.stdout).blocks;
}

/** Every `js` block, with the source it runs (`after`: the block it follows first). */
export function jsBlocks(all = docBlocks()) {
  const source = (block) => block.text.replace(/\n$/, '');
  const byLine = new Map(all.map((b) => [`${b.file}:${b.line}`, b]));
  return all
    .filter((block) => block.language === 'js')
    .map((block) => ({
      file: block.file,
      line: block.line,
      after: block.after,
      source:
        block.after === null
          ? source(block)
          : `${source(byLine.get(`${block.file}:${block.after}`))}\n${source(block)}`,
      skipped:
        block.marker === 'not run' ? block.value : block.marker === 'run by' ? `run by ${block.value}` : undefined,
    }));
}

/** The literal a comment starts with, as source, or undefined. */
function literalOf(comment) {
  let end;
  if (/^'/.test(comment)) {
    end = /^'(?:[^'\\]|\\.)*'/.exec(comment)?.[0].length;
  } else if (/^[[{]/.test(comment)) {
    let depth = 0;
    let quoted = false;
    for (let i = 0; i < comment.length; i += 1) {
      const c = comment[i];
      if (quoted) {
        if (c === '\\') i += 1;
        else if (c === "'") quoted = false;
      } else if (c === "'") quoted = true;
      else if (c === '[' || c === '{') depth += 1;
      else if (c === ']' || c === '}') {
        depth -= 1;
        if (depth === 0) {
          end = i + 1;
          break;
        }
      }
    }
  } else {
    end = /^(?:true|false|null|-?\d+(?:\.\d+)?)(?![\w.])/.exec(comment)?.[0].length;
  }
  if (end === undefined) return undefined;
  // What follows is nothing or an aside ("'edit' (inherited)", "true: …");
  // "'none' | 'read'" names a type and "403 with the explanation" is prose.
  if (!/^(?:\s*$|\s+\(|:|,)/.test(comment.slice(end))) return undefined;
  const source = comment.slice(0, end);
  try {
    new Function(`return (${source});`)();
  } catch {
    return undefined; // prose in brackets, e.g. `[{id, name, email, role}, ...]`
  }
  return source;
}

/** The block with each stated result turned into a check. */
export function withChecks(source, commonJs = false) {
  let checks = 0;
  const lines = source.split('\n').map((line) => {
    // A whole statement on one line, at the block's top level.
    const m = /^([A-Za-z_$][^/]*?(?:'[^']*'[^/']*?)*?);?\s+\/\/ (.+)$/.exec(line);
    if (!m || /^(const|let|var|import|export|await|return)\b/.test(m[1])) return line;
    const [, expr, comment] = m;
    if (/^throws\b/.test(comment) && !/\bwhen\b/.test(comment)) {
      checks += 1;
      const code = /\b([a-z]+(?:_[a-z]+)+)\b/.exec(comment)?.[1];
      const kind = /\b([A-Z]\w*Error)\b/.exec(comment)?.[1];
      return `__throws(() => { ${expr}; }, ${JSON.stringify({ code, kind, line })});`;
    }
    const literal = literalOf(comment);
    if (literal === undefined) return line;
    checks += 1;
    return `__equal(${expr}, ${literal}, ${JSON.stringify(line)});`;
  });
  const prelude = [
    commonJs
      ? "const { deepStrictEqual: __deepEqual, throws: __assertThrows } = require('node:assert');"
      : "import { deepStrictEqual as __deepEqual, throws as __assertThrows } from 'node:assert';",
    'const __equal = (actual, expected, line) => __deepEqual(actual, expected, line);',
    'const __throws = (run, { code, kind, line }) => __assertThrows(run, (err) => {',
    "  if (code !== undefined && err.code !== code) throw new Error(line + ': threw ' + err.code + ', not ' + code);",
    "  if (kind !== undefined && err.name !== kind && err.constructor?.name !== kind) throw new Error(line + ': threw ' + err.name);",
    '  return true;',
    '});',
  ].join('\n');
  return { program: `${prelude}\n${lines.join('\n')}\n`, checks };
}

const blocks = jsBlocks();

test('the docs have js blocks, and every skipped one says why', () => {
  assert.ok(blocks.length >= 9, `${blocks.length} blocks`);
  // A block marked `after` runs with the block it follows in front of it.
  const followers = blocks.filter((b) => b.after !== null);
  assert.ok(followers.length > 0, 'no block marked `after`');
  for (const block of followers) {
    const first = blocks.find((b) => b.file === block.file && b.line === block.after);
    assert.ok(block.source.startsWith(`${first.source}\n`), `${block.file}:${block.line}`);
  }
  for (const block of blocks.filter((b) => b.skipped !== undefined)) {
    assert.ok(block.skipped.length > 10, `${block.file}:${block.line}: give the reason`);
  }
});

test('a stated result is checked, and a wrong one fails', () => {
  const { program, checks } = withChecks(
    "access.level('knowledge.faqs')   // 'edit' (inherited)\nview.level(x); // 'none' | 'read'\nf(); // throws unknown_area: did you mean",
  );
  assert.equal(checks, 2);
  assert.match(program, /__equal\(access\.level\('knowledge\.faqs'\), 'edit'/);
  assert.match(program, /"code":"unknown_area"/);
});

const dir = mkdtempSync(join(here, '.snippets-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const block of blocks) {
  const name = `${block.file}:${block.line} runs${block.skipped ? ` (not run: ${block.skipped})` : ''}`;
  test(name, { skip: block.skipped !== undefined }, () => {
    const commonJs = /\brequire\(/.test(block.source) && !/^import\b/m.test(block.source);
    const { program } = withChecks(block.source, commonJs);
    const file = join(dir, `${block.file.replaceAll('/', '_')}-${block.line}.${commonJs ? 'cjs' : 'mjs'}`);
    writeFileSync(file, program);
    const run = spawnSync(process.execPath, [file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, `${block.file}:${block.line}\n${run.stdout}\n${run.stderr}`);
  });
}
