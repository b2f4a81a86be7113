// Memory: a leak of a fixed size per cycle fails.
//
// The cycles are those of bench/memory.mjs (the soak of `make soak-node`: 10
// million checks, a million build-and-drop cycles). Each is measured in a
// child process (`bench/memory.mjs --leak-check`): run 2N times to warm up,
// then 4N times, with a full GC and a turn of the event loop (so the addon's
// finalizers run) before each reading; the growth of RSS and of the
// JavaScript heap in use, divided by 4N, must stay under a small bound. A
// leaked AccessSet, error, string or workspace (hundreds of bytes each) fails.
//
// A memory assertion, not a timed one. To keep it clear of the allocator's
// noise, the child has one malloc arena, a fixed young generation, a
// single-threaded GC and no memory reducer (measured here: RSS per cycle then
// varies by about 0 to 40 bytes, against about ±100 bytes without them), and
// the least of up to three measurements counts: a real leak grows every time.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const SCRIPT = fileURLToPath(new URL('../bench/memory.mjs', import.meta.url));
const FLAGS = ['--min-semi-space-size=1', '--max-semi-space-size=1', '--no-memory-reducer', '--single-threaded-gc'];

async function growthPerCycle(name, n, attempts = 3) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...FLAGS, SCRIPT, '--leak-check', name, String(n), String(attempts)],
    {
      env: { ...process.env, MALLOC_ARENA_MAX: '1' },
    },
  );
  return JSON.parse(stdout);
}

const CASES = [
  // case, N, bound in bytes per cycle (for RSS and for the heap in use)
  ['checks', 100_000, 1],
  ['set', 1_500, 64],
  // A workspace cycle allocates more (its RSS wanders ±50 bytes per cycle over
  // 6,000 cycles on a loaded machine): twice the cycles halve that.
  ['workspace', 3_000, 64],
];

for (const [name, n, bound] of CASES) {
  test(`${name}: no leak per cycle`, async () => {
    const got = await growthPerCycle(name, n);
    const report = `${name}: per cycle, RSS ${got.rss.toFixed(1)} bytes, heap ${got.heap.toFixed(1)} bytes over ${4 * n} cycles`;
    console.log(`# ${report}`);
    assert.ok(got.rss < bound && got.heap < bound, report);
  });
}

test('the measure sees a leak of about a hundred bytes per cycle', async () => {
  const got = await growthPerCycle('leaky', 1_500, 1);
  console.log(`# leaky: ${JSON.stringify(got)}`);
  assert.ok(got.rss > 64 && got.heap > 64, `a 100-character string kept per cycle measured as ${JSON.stringify(got)}`);
});
