// Docs are tests: the Express guard that opens the Node README serves real
// HTTP on 127.0.0.1 and answers as the README says.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const entry = (file) => pathToFileURL(join(here, '..', file)).href;

test("the README's Express guard runs and answers 200, 403 and 401", async () => {
  const text = readFileSync(join(here, '..', 'README.md'), 'utf8');
  const block = /## Guard a web app[\s\S]*?```js\n([\s\S]*?)```/.exec(text)?.[1];
  assert.ok(block?.includes("from 'studio-permissions/express'"), 'the README opens with the Express guard');
  const source = block
    .replace("from 'studio-permissions/express'", `from '${entry('lib/express.mjs')}'`)
    .replace("from 'studio-permissions'", `from '${entry('index.mjs')}'`);
  // Inside test/, so that `express` resolves from the package's dev dependencies.
  const dir = mkdtempSync(join(here, '.readme-guard-'));
  let server;
  try {
    const file = join(dir, 'guard.mjs');
    writeFileSync(file, `${source}\nexport { app, guard };\n`);
    const { app, guard } = await import(pathToFileURL(file).href);
    assert.throws(() => guard.requires('knowlege.faqs', 'view'), {
      message: 'unknown area `knowlege.faqs`: did you mean `knowledge.faqs`?',
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const base = `http://127.0.0.1:${server.address().port}`;
    const call = async (method, path, user) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: user === undefined ? {} : { 'x-user': user },
        signal: AbortSignal.timeout(10_000),
      });
      const body = await res.text();
      return { status: res.status, body: body === '' ? null : JSON.parse(body) };
    };
    assert.deepEqual(await call('GET', '/knowledge/faqs', 'kim'), { status: 200, body: [] });
    const refused = await call('DELETE', '/knowledge/sources/wiki', 'kim');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.reason, 'explicit');
    assert.equal((await call('POST', '/users', 'kim')).body.capability, 'users.manage');
    assert.equal((await call('GET', '/knowledge/faqs')).status, 401);
  } finally {
    if (server !== undefined) await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});
