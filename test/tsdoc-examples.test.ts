/**
 * The TSDoc examples of the public API compile against the built declarations, as a user who
 * copies one from an editor tooltip gets it. Every ```ts block after an `@example` tag in src/
 * (outside the internal core/, sign/ and cli/ modules) becomes a module under .tmp/tsdoc-examples/:
 * - without an import of its own, it gets one of every export of the entry its file belongs to
 *   (api/sync.ts -> /sync, legacy/ -> /legacy or /legacy/sync, server/ -> /server or
 *   /server/node, errors.ts -> /errors, anything else -> the main entry);
 * - an example that is one option (`authorize: …`) is read as a property of the server's
 *   TokenHandlerOptions, where those examples sit;
 * - names an example leaves to the reader (appId, the user's session lookup, …) are declared with
 *   the types a reader's code would have, unless the example defines them.
 * Then tsc --strict must pass on all of them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, publicExports, ROOT, typecheck } from './helpers/typecheck.ts';

const INTERNAL = /^src\/(core|sign|cli)\//;

const AMBIENT: Record<string, string> = {
  appId: 'string',
  appCertificate: 'string',
  token: 'string',
  account: 'string',
  input: 'string',
  expireTs: 'number',
  userId: 'number',
  signedIn: 'boolean',
  err: 'unknown',
  env: '{ AGORA_APP_ID: string; AGORA_APP_CERTIFICATE: string; API_KEY: string }',
  handler: "import('agora-token-kit/server').TokenHandler",
  authorize: "import('agora-token-kit/server').Authorize",
  findings: "import('agora-token-kit').Finding[]",
  res: 'Response',
  body: "import('agora-token-kit/server').ErrorBody",
  user: '(request: Request) => Promise<{ agoraUid: number; id: string }>',
  sessionUser: '(request: Request) => Promise<{ agoraUid: number; id: string } | undefined>',
  sessions: '{ get(cookie: string | null): Promise<{ agoraUid: number; rooms: string[]; id: string } | undefined> }',
  isHost: '(request: Request) => boolean',
  blocked: 'Set<string>',
  redisCount: '(key: string | undefined) => Promise<number>',
  audit: '{ write(entry: object): void }',
  sleep: '(ms: number) => Promise<void>',
  scheduleRenewal: '() => void',
  fetchToken: '() => Promise<string>',
  client: '{ renewToken(token: string): Promise<void> }',
  express: '() => { use(handler: unknown): void; listen(port: number): unknown }',
  Deno: '{ serve(handler: (request: Request) => Response | Promise<Response>): unknown }',
};

interface Example {
  file: string;
  code: string;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const name of readdirSync(join(ROOT, 'src'), { recursive: true }) as string[]) {
    const file = `src/${name.replaceAll('\\', '/')}`;
    if (!file.endsWith('.ts') || INTERNAL.test(file)) continue;
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/@example[^\n]*\n(?:[ \t]*\*[^\n]*\n)*?[ \t]*\*[ \t]*```ts\n((?:[ \t]*\*[^\n]*\n)*?)[ \t]*\*[ \t]*```/g)) {
      out.push({ file, code: m[1]!.split('\n').map((l) => l.replace(/^[ \t]*\* ?/, '')).join('\n') });
    }
  }
  return out;
}

function entryOf(file: string): string {
  if (/^src\/(api\/(sync|inspect-sync)|sync)\.ts$/.test(file)) return 'agora-token-kit/sync';
  if (/^src\/(legacy\/api-sync|legacy-sync)\.ts$/.test(file)) return 'agora-token-kit/legacy/sync';
  if (/^src\/legacy/.test(file)) return 'agora-token-kit/legacy';
  if (/^src\/(server\/node|server-node)/.test(file)) return 'agora-token-kit/server/node';
  if (/^src\/server/.test(file)) return 'agora-token-kit/server';
  if (file === 'src/errors.ts') return 'agora-token-kit/errors';
  return 'agora-token-kit';
}

function moduleFor({ file, code }: Example, exported: Map<string, string[]>): string {
  const entry = entryOf(file);
  const defines = (name: string) => new RegExp(`\\b(?:const|let|var|function|class|interface)\\s+${name}\\b`).test(code);
  const uses = (name: string) => new RegExp(`\\b${name}\\b`).test(code);
  const lines = [`// from ${file}`];
  if (!/^\s*import\s/m.test(code)) lines.push(`import { ${exported.get(entry)!.join(', ')} } from '${entry}';`);
  for (const [name, type] of Object.entries(AMBIENT)) if (uses(name) && !defines(name)) lines.push(`declare const ${name}: ${type};`);
  const fragment = /^[A-Za-z]\w*\s*:\s/.test(code.trimStart());
  if (fragment) lines.push(`export const option: Partial<import('agora-token-kit/server').TokenHandlerOptions> = {\n${code}\n};`);
  else lines.push(code, 'export {};');
  return `${lines.join('\n')}\n`;
}

/** Export names per entry (moduleFor imports all of them into an example without imports). */
function exportNames(entries: string[]): Map<string, string[]> {
  return new Map([...publicExports(entries)].map(([entry, list]) => [entry, list.map((e) => e.name).filter((name) => name !== 'default')]));
}

describe('TSDoc examples', () => {
  const found = examples();

  it('finds the examples of the public API (outside core/, sign/ and cli/)', () => {
    expect(found.length).toBeGreaterThan(100);
    expect(new Set(found.map((e) => e.file)).size).toBeGreaterThan(20);
  });

  it('every example compiles under strict against dist/*.d.ts', () => {
    const dir = freshDir('tsdoc-examples');
    const exported = exportNames([...new Set(found.map((e) => entryOf(e.file)))]);
    const files = found.map((example, i) => {
      const name = `example-${String(i + 1).padStart(3, '0')}.ts`;
      writeFileSync(join(dir, name), moduleFor(example, exported));
      return name;
    });
    const output = typecheck(dir, files);
    // Name the source file of each failing example, so a failure reads as "fix this comment".
    const explained = output.replace(/\.tmp\/tsdoc-examples\/(example-\d+)\.ts/g, (all, id: string) => `${all} [${found[Number(id.slice(8)) - 1]!.file}]`);
    expect(explained).toBe('');
  }, 120_000);

  it('an example that misuses the API fails (the check can fail)', () => {
    const dir = freshDir('tsdoc-examples');
    const exported = exportNames(['agora-token-kit']);
    writeFileSync(join(dir, 'wrong.ts'), moduleFor({ file: 'src/api/async.ts', code: "const t = await buildRtcToken({ appId, appCertificate, channel: 'room', uid: 42, role: 'host' });" }, exported));
    expect(typecheck(dir, ['wrong.ts'])).toMatch(/wrong\.ts.*error TS2322/);
  }, 60_000);
});
