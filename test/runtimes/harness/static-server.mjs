/**
 * @module test/runtimes/harness/static-server — a static file server on 127.0.0.1 for the
 * browser runner. HTML pages get an import map (injected at `<!--IMPORTMAP-->`) that maps the
 * package's entries to its installed ESM build and its runtime dependencies, if any, to theirs:
 * what a user without a bundler writes by hand.
 */

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };
const CONDITIONS = ['browser', 'import', 'default'];

/** Resolves an exports target for the browser conditions. */
function pick(target) {
  if (typeof target === 'string' || target == null) return target;
  for (const c of CONDITIONS) if (c in target) return pick(target[c]);
  return undefined;
}

/** Builds the import map of the package installed in `root`/node_modules. */
export function importMap(root, name = 'agora-token-kit') {
  const imports = {};
  const addPackage = (pkgName) => {
    const dir = join(root, 'node_modules', pkgName);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const [sub, target] of Object.entries(pkg.exports ?? { '.': pkg.module ?? pkg.main })) {
      const file = pick(target);
      if (!file || sub.includes('*') || !file.endsWith('js')) continue;
      if (!existsSync(join(dir, file))) continue;
      imports[sub === '.' ? pkgName : `${pkgName}${sub.slice(1)}`] = `/node_modules/${pkgName}/${file.replace(/^\.\//, '')}`;
    }
    for (const dep of Object.keys(pkg.dependencies ?? {})) if (!Object.keys(imports).some((k) => k === dep)) addPackage(dep);
  };
  addPackage(name);
  return { imports };
}

/**
 * Serves `root`; resolves `{ url, close }`. With `onReport`, a page may POST its JSON result to
 * `/__report` (for browsers run without a driver, which cannot be asked for it).
 */
export function serveStatic(root, { onReport } = {}) {
  const map = `<script type="importmap">${JSON.stringify(importMap(root))}</script>`;
  const server = createServer((req, res) => {
    if (onReport && req.method === 'POST' && req.url === '/__report') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(204).end();
        onReport(Buffer.concat(chunks).toString('utf8'));
      });
      return;
    }
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    let body = readFileSync(file);
    if (extname(file) === '.html') body = body.toString('utf8').replace('<!--IMPORTMAP-->', map);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
