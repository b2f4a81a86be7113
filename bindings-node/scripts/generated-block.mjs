// The machinery shared by the scripts that write a generated block of
// index.d.ts: find the block between its markers, then rewrite it or, with
// `--check`, fail when the committed block differs from what the core says.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const INDEX_D_TS = fileURLToPath(new URL('../index.d.ts', import.meta.url));

/**
 * A documented string-literal union, laid out as the formatter (Biome, 120
 * columns) lays it out, so the generated block is already formatted.
 */
export function union(name, doc, values) {
  const members = values.map((v) => `'${v}'`);
  const oneLine = `export type ${name} = ${members.join(' | ')};`;
  const body = oneLine.length <= 120 ? oneLine : `export type ${name} =\n${members.map((m) => `  | ${m}`).join('\n')};`;
  return `/** ${doc} */\n${body}\n`;
}

/** The block from `begin` to `end` (markers included), or null when absent. */
export function blockIn(text, begin, end) {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) return null;
  return text.slice(start, stop + end.length);
}

/** Rewrites the block in index.d.ts, or with `--check` exits 1 when it is stale. */
export function syncBlock({ begin, end, wanted, what, script }) {
  const text = readFileSync(INDEX_D_TS, 'utf8');
  const current = blockIn(text, begin, end);
  if (current === null) {
    console.error(`index.d.ts has no generated block (${begin})`);
    process.exit(1);
  }
  if (process.argv.includes('--check')) {
    if (current !== wanted) {
      console.error(`index.d.ts: the ${what} are stale; run node ${script}`);
      process.exit(1);
    }
  } else if (current !== wanted) {
    writeFileSync(INDEX_D_TS, text.replace(current, wanted));
    console.log(`index.d.ts: ${what} updated`);
  }
}
