/**
 * The README's TypeScript examples compile against the built declarations, as a user who pastes
 * them gets them. Each ```ts block becomes its own module under .tmp/readme-snippets/ (inside the
 * package, so 'agora-token-kit' resolves to dist/ through "exports"), preceded by `declare`s for
 * the names the README leaves to the reader (appId, the user's session function, Deno/Bun globals)
 * unless the block defines them itself. Deno's `npm:` specifier is read as the bare package name.
 * The one ```js block (CommonJS require of /sync) is not compiled here: the drop-in tests run that
 * exact call on dist/sync.cjs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir, ROOT, typecheck } from './helpers/typecheck.ts';

/** What the README assumes the reader has, typed as a reader's code would have it. */
const AMBIENT: Record<string, string> = {
  appId: 'string',
  appCertificate: 'string',
  token: 'string',
  tokenFromYourServer: 'string',
  renewToken: '() => void',
  yourSession: '(request: Request) => Promise<unknown>',
  sessionUser: '(request: Request) => Promise<{ agoraUid: number; id: string } | undefined>',
  process: '{ env: Record<string, string | undefined> }',
  Deno: '{ env: { get(name: string): string | undefined }; serve(options: { hostname?: string }, handler: (request: Request) => Response | Promise<Response>): unknown }',
  Bun: '{ serve(options: { hostname?: string; fetch(request: Request): Response | Promise<Response> }): unknown }',
};

function snippets(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

function moduleFor(code: string): string {
  const defines = (name: string) => new RegExp(`\\b(?:const|let|var|function|interface|class)\\s+${name}\\b`).test(code);
  const uses = (name: string) => new RegExp(`\\b${name}\\b`).test(code);
  const prelude = Object.entries(AMBIENT)
    .filter(([name]) => uses(name) && !defines(name))
    .map(([name, type]) => `declare const ${name}: ${type};`);
  return `${prelude.join('\n')}\n${code.replaceAll("'npm:agora-token-kit'", "'agora-token-kit'")}\nexport {};\n`;
}

describe('README examples', () => {
  const blocks = snippets(readFileSync(join(ROOT, 'README.md'), 'utf8'));

  it('has the TypeScript examples this test expects to find', () => {
    // Quickstart (Node, Deno, Bun, Workers, browser), decode/verify/explain, the token server.
    expect(blocks.length).toBeGreaterThanOrEqual(7);
  });

  it('every ```ts block compiles under strict against dist/*.d.ts', () => {
    const dir = freshDir('readme-snippets');
    const files = blocks.map((code, i) => {
      const file = `snippet-${i + 1}.ts`;
      writeFileSync(join(dir, file), moduleFor(code));
      return file;
    });
    expect(typecheck(dir, files)).toBe('');
  }, 60_000);

  it('a block that misuses the API fails to compile (the check can fail)', () => {
    const dir = freshDir('readme-snippets');
    writeFileSync(join(dir, 'wrong.ts'), moduleFor("import { buildRtcToken } from 'agora-token-kit';\nawait buildRtcToken({ appId, appCertificate, channel: 'room', uid: 1, role: 'host' });"));
    expect(typecheck(dir, ['wrong.ts'])).toMatch(/wrong\.ts.*error TS2322/);
  }, 60_000);
});
