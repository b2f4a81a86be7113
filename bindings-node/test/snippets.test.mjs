// Docs are tests: every `js` block of README.md, this package's README and
// docs/*.md runs as its own Node program, from the repository root (so the
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
// `<!-- snippet: not run (the reason) -->`; the Python test over the docs
// checks that every block of every language is run or marked.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const DOCS = [
  'README.md',
  'bindings-node/README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const NOT_RUN = /<!-- snippet: not run \((.+?)\) -->\s*$/;
// `<!-- snippet: after "Heading" -->`: the block runs after the first js
// block under the heading that contains that text (it uses its names).
const AFTER = /<!-- snippet: after "(.+?)" -->\s*$/;

/** Every fenced `js` block of a Markdown file, with its line and marker. */
export function jsBlocks(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i += 1) {
    const fence = /^```(\S*)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i;
    const body = [];
    for (i += 1; i < lines.length && !lines[i].startsWith('```'); i += 1) body.push(lines[i]);
    if (fence[1] !== 'js') continue;
    const skipped = NOT_RUN.exec(lines[start - 1] ?? '')?.[1];
    const after = AFTER.exec(lines[start - 1] ?? '')?.[1];
    blocks.push({ file, line: start + 1, source: body.join('\n'), skipped, after });
  }
  for (const block of blocks.filter((b) => b.after !== undefined)) {
    const heading = lines.findIndex((l) => /^#+ /.test(l) && l.includes(block.after));
    const first = blocks.find((b) => b.line > heading + 1);
    assert.ok(heading >= 0 && first && first !== block, `${file}:${block.line}: no js block under "${block.after}"`);
    block.source = `${first.source}\n${block.source}`;
  }
  return blocks;
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

const blocks = DOCS.flatMap(jsBlocks);

test('the docs have js blocks, and every skipped one says why', () => {
  assert.ok(blocks.length >= 9, `${blocks.length} blocks`);
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
