// The TypeScript types where they meet the user's code: a document or a
// workspace's records written in the code fail to compile with an error that
// names the bad role, id, level or field (not `never`); the web drop-ins'
// types compile where the frameworks' own types are not installed (they are
// optional peers), with the framework's request type as the default where
// they are; and every public function and method of the published types
// says what it does.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ts = createRequire(import.meta.url)('typescript');

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const TSC = root('node_modules/typescript/bin/tsc');

function tsc(args, cwd) {
  return spawnSync(process.execPath, [TSC, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
}

test('a literal document or workspace record with a wrong role, id, level or field fails with an error naming it', () => {
  const r = tsc(['-p', root('test/types-errors/tsconfig.json'), '--pretty', 'false'], root(''));
  assert.notEqual(r.status, 0, 'the faults must not compile');
  const errors = r.stdout
    .split('\n')
    .filter((line) => /: error TS\d+:/.test(line))
    .map((line) => {
      const [, row, message] = /documents\.ts\((\d+),\d+\): error TS\d+: (.*)$/.exec(line) ?? [];
      return [Number(row), message];
    });
  const source = readFileSync(root('test/types-errors/documents.ts'), 'utf8').split('\n');
  const at = (text) => source.findIndex((line) => line.includes(text)) + 1;
  assert.deepEqual(errors, [
    [at("role: 'owner'"), `Type '"owner"' is not assignable to type 'Role'.`],
    [
      at("'knowlege.faqs'"),
      "Object literal may only specify known properties, and ''knowlege.faqs'' does not exist in type 'Partial<Record<DefaultAreaId, Level>>'.",
    ],
    [at("'write'"), `Type '"write"' is not assignable to type 'Level | undefined'.`],
    [
      at("'knowledge.faq'"),
      "Object literal may only specify known properties, and ''knowledge.faq'' does not exist in type 'Partial<Record<DefaultAreaId, Level>>'.",
    ],
    [
      at("permissions: { knowledge: 'read' } },"),
      `Object literal may only specify known properties, and 'knowledge' does not exist in type 'Partial<Record<"docs" | "docs.drafts", Level>>'.`,
    ],
    // The records of Workspace.fromRecords, the same way.
    [at("user: 'ada', role: 'owner'"), `Type '"owner"' is not assignable to type 'Role'.`],
    [
      at("user: 'kim'"),
      "Object literal may only specify known properties, and ''knowlege.faqs'' does not exist in type 'Partial<Record<DefaultAreaId, Level>>'.",
    ],
    [at("user: 'lee'"), `Type '"write"' is not assignable to type 'Level | undefined'.`],
    [
      at("mail: 'max@example.com'"),
      "Object literal may only specify known properties, but 'mail' does not exist in type 'WorkspaceRecord<DefaultAreaId>'. Did you mean to write 'email'?",
    ],
  ]);
  assert.doesNotMatch(r.stdout, /never|No overload matches/);
});

test("the web drop-ins' types compile without the frameworks' types installed", () => {
  // The package's types alone, in a project with no express, @types/express
  // or fastify anywhere: the default request type is then `any`.
  const dir = mkdtempSync(join(tmpdir(), 'sp-types-'));
  try {
    const pkg = join(dir, 'node_modules', 'studio-permissions');
    mkdirSync(join(pkg, 'lib'), { recursive: true });
    for (const file of [
      'package.json',
      'index.d.ts',
      'index.d.mts',
      'client/index.d.mts',
      'native/index.d.ts',
      'lib/http.d.ts',
      'lib/express.d.ts',
      'lib/express.d.mts',
      'lib/fastify.d.ts',
      'lib/fastify.d.mts',
    ]) {
      cpSync(root(file), join(pkg, file));
    }
    writeFileSync(
      join(dir, 'app.mts'),
      [
        "import { AccessSet } from 'studio-permissions';",
        "import { accessGuard, errorHandler } from 'studio-permissions/express';",
        "import * as forFastify from 'studio-permissions/fastify';",
        "const guard = accessGuard((req) => (req.headers['x-user'] === 'ada' ? AccessSet.admin() : null));",
        "export const route = guard.requires('knowledge.faqs', 'view');",
        'export const handler = errorHandler();',
        "export const hook = forFastify.accessGuard((request) => (request.user ? AccessSet.admin() : undefined)).requiresCapability('users.manage');",
        '// @ts-expect-error: ids are still checked',
        "guard.requires('knowlege', 'view');",
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['app.mts'],
      }),
    );
    const r = tsc(['-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    // It is the frameworks' absence that was compiled: nothing resolves them.
    const trace = tsc(['-p', join(dir, 'tsconfig.json'), '--listFiles'], dir);
    assert.doesNotMatch(trace.stdout, /node_modules\/(express|fastify|@types)\//);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every public function, method, getter and class field of the published types has a doc comment', () => {
  const files = ['index.d.ts', 'client/index.d.mts', 'lib/http.d.ts', 'lib/express.d.ts', 'lib/fastify.d.ts'];
  const undocumented = [];
  let checked = 0;
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(root(file), 'utf8'), ts.ScriptTarget.Latest, true);
    const seen = new Set();
    // One doc per name: the first of a method's overloads carries it.
    const check = (node, name) => {
      if (seen.has(name)) return;
      seen.add(name);
      checked += 1;
      if ((node.jsDoc ?? []).length === 0) undocumented.push(`${file}: ${name}`);
    };
    const visit = (node) => {
      if (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) {
        const owner = node.name.text;
        for (const member of node.members) {
          if (member.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) continue;
          const method = ts.isMethodDeclaration(member) || ts.isMethodSignature(member) || ts.isGetAccessor(member);
          // An error's fields are its interface's (`ErrorFields`), documented there.
          const field = ts.isClassDeclaration(node) && ts.isPropertyDeclaration(member) && !owner.endsWith('Error');
          if (method || field) check(member, `${owner}.${member.name.getText(source)}`);
          // A function type's call signatures (a subpath's `accessGuard`).
          else if (ts.isCallSignatureDeclaration(member)) check(member, `${owner}()`);
        }
      } else if (ts.isFunctionDeclaration(node) && node.name) check(node, node.name.text);
      // A function declared as a value of a function type: `declare const accessGuard: ...`.
      else if (ts.isVariableStatement(node)) {
        for (const declaration of node.declarationList.declarations) check(node, declaration.name.getText(source));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  assert.deepEqual(undocumented, []);
  assert.ok(checked >= 90, `only ${checked} names checked`);
});
