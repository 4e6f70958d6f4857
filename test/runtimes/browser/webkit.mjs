/**
 * @module test/runtimes/browser/webkit — the in-page suite in WebKit (JavaScriptCore and WebKit's
 * own Web Crypto, the engine of Safari), through Debian's WebKitGTK MiniBrowser on a virtual X
 * display (xvfb-run), without a driver (see driverless.mjs). Run from the consumer project:
 * `node runtimes/browser/webkit.mjs <keys>`.
 */

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runDriverless } from './driverless.mjs';

const MINIBROWSER = process.env.MINIBROWSER_PATH ?? ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'].find((p) => existsSync(p));
if (!MINIBROWSER) throw new Error('webkit runner: WebKitGTK MiniBrowser not found (Debian: apt-get install webkit2gtk-driver xvfb)');
// MiniBrowser has no --version; the Debian package that ships it does.
let version = 'unknown version';
try {
  version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('-')[0] ?? version;
} catch {
  // not a Debian system: the suite result still says what ran
}
await runDriverless({
  name: 'WebKitGTK MiniBrowser',
  version: `WebKitGTK ${version} MiniBrowser (Xvfb)`,
  command: 'xvfb-run',
  args: (url) => ['-a', MINIBROWSER, url],
});
