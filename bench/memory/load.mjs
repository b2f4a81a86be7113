// One memory case in a fresh Node process (run by bench/memory/per_request_memory.py):
//
//   node --expose-gc load.mjs FORM SOURCE FILE       FORM: array | jsonl, SOURCE: text | path
//   node --expose-gc load.mjs --time SOURCE FILE REPEATS
//   node --expose-gc load.mjs --pair FILE REPEATS
//
// Prints one JSON object, as bench/memory/load.py does: the peak RSS growth
// over the moment before the load (the text already read, garbage
// collected, the kernel's peak mark reset), or the median seconds of loads;
// `--pair` loads from the path and from the same text (read once) in
// alternating passes and prints both medians.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// BENCH_NODE_PACKAGE: another build of the package (a checkout of an
// earlier commit), for the before column of the per-request table.
const { Workspace } = require(process.env.BENCH_NODE_PACKAGE ?? '../../bindings-node/index.js');

const rss = () => process.memoryUsage.rss();
// The peak-RSS mark (VmHWM) becomes the current RSS (Linux ≥ 4.0).
const resetPeak = () => writeFileSync('/proc/self/clear_refs', '5');
// This process's peak RSS. Not `maxRSS`: that also counts the parent's RSS at
// the moment of exec, so a large parent inflated it.
const peak = () => {
  const kB = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'latin1'))?.[1];
  if (kB === undefined) throw new Error('no VmHWM in /proc/self/status');
  return Number(kB) * 1024;
};

function loader(form, source, path) {
  if (source === 'path') return () => Workspace.fromPath(path);
  const text = readFileSync(path, 'utf8');
  return form === 'array' ? () => Workspace.fromJson(text) : () => Workspace.fromJsonLines(text);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const args = process.argv.slice(2);
if (args[0] === '--pair') {
  const [, path, repeats] = args;
  const loads = { path: loader('array', 'path', path), text: loader('array', 'text', path) };
  loads.path();
  loads.text();
  const times = { path: [], text: [] };
  for (let i = 0; i < Number(repeats); i++) {
    for (const source of i % 2 === 0 ? ['path', 'text'] : ['text', 'path']) {
      globalThis.gc();
      const start = process.hrtime.bigint();
      loads[source]();
      times[source].push(Number(process.hrtime.bigint() - start) / 1e9);
    }
  }
  console.log(JSON.stringify({ path: median(times.path), text: median(times.text) }));
} else if (args[0] === '--time') {
  const [, source, path, repeats] = args;
  const load = loader('array', source, path);
  load();
  const times = [];
  for (let i = 0; i < Number(repeats); i++) {
    const start = process.hrtime.bigint();
    load();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ seconds: times[Math.floor(times.length / 2)] }));
} else {
  const [form, source, path] = args;
  const load = loader(form, source, path);
  globalThis.gc();
  const before = rss();
  resetPeak();
  const start = process.hrtime.bigint();
  const ws = load();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ growth: peak() - before, users: ws.length, seconds }));
}
