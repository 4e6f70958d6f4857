/**
 * The public surface as a whole, read from the BUILT package:
 * - every export of every entry, types included, carries TSDoc in dist/*.d.ts (what an editor shows);
 * - each entry's runtime exports are exactly the listed names;
 * - every runtime export is named in at least one other test file, so a new export cannot land
 *   untested (test/constants.test.ts covers the constants nothing else named).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as main from '../dist/index.js';
import * as sync from '../dist/sync.js';
import * as legacy from '../dist/legacy.js';
import * as legacySync from '../dist/legacy-sync.js';
import * as server from '../dist/server.js';
import * as serverNode from '../dist/server-node.js';
import * as errors from '../dist/errors.js';
import { publicExports, ROOT } from './helpers/typecheck.ts';

const ENTRIES: Record<string, Record<string, unknown>> = {
  'agora-token-kit': main,
  'agora-token-kit/sync': sync,
  'agora-token-kit/legacy': legacy,
  'agora-token-kit/legacy/sync': legacySync,
  'agora-token-kit/server': server,
  'agora-token-kit/server/node': serverNode,
  'agora-token-kit/errors': errors,
};

/** Every export of every entry with its TSDoc text. */
function documentation(): { entry: string; name: string; doc: string }[] {
  return [...publicExports(Object.keys(ENTRIES))].flatMap(([entry, list]) => list.map((e) => ({ entry, ...e })));
}

describe('public surface', () => {
  it('every export of every entry (types included) has TSDoc in the built declarations', () => {
    const all = documentation();
    expect(all.length).toBeGreaterThan(250);
    expect(all.filter((e) => e.doc === '').map((e) => `${e.entry}: ${e.name}`)).toEqual([]);
  }, 60_000);

  it('each entry exports exactly the runtime names listed here, so adding or dropping one is a decision', () => {
    const lib = [
      'AccessToken2', 'AgoraTokenError', 'ApaasTokenBuilder', 'ChatTokenBuilder', 'ConvoAITokenBuilder', 'DEFAULT_EXPIRES_IN_SECONDS', 'EXPECTED_SERVICES',
      'EducationTokenBuilder', 'FINDING_CODES', 'FPA_TOKEN_EXPIRE_SECONDS', 'FpaTokenBuilder', 'MAX_PAYLOAD_BYTES', 'MAX_TOKEN_LENGTH', 'RtcRole',
      'RtcTokenBuilder', 'Rtm2Permissions', 'RtmTokenBuilder', 'SERVICE_TYPES', 'Service', 'ServiceApaas', 'ServiceChat', 'ServiceConvoAI', 'ServiceFCdn',
      'ServiceFpa', 'ServiceRtc', 'ServiceRtm', 'ServiceRtm2', 'ServiceStreaming', 'ServiceStt', 'SttTokenBuilder', 'buildApaasToken', 'buildChatToken',
      'buildConvoAIToken', 'buildEducationToken', 'buildFpaToken', 'buildRtcToken', 'buildRtmToken', 'buildSttToken', 'dangerouslyAllowBrowserBuilds',
      'decodeToken', 'diagnoseToken', 'inspectToken', 'isAgoraTokenError', 'isBrowserMainThread', 'kApaasServiceType', 'kChatServiceType',
      'kConvoAIServiceType', 'kFCdnServiceType', 'kFpaServiceType', 'kRtcServiceType', 'kRtm2ServiceType', 'kRtmServiceType', 'kStreamingServiceType',
      'kSttServiceType', 'tokenExpiresAt', 'tokenKind', 'verifyToken',
    ];
    const legacyLib = [
      'AccessToken', 'AgoraTokenError', 'DEFAULT_TS_SECONDS', 'MAX_RTM_ACCOUNT_BYTES', 'Privileges', 'RtcRole', 'RtcTokenBuilder', 'RtmRole', 'RtmTokenBuilder',
      'assertPrivilegeExpiredTs', 'dangerouslyAllowBrowserBuilds', 'decodeToken', 'isAgoraTokenError', 'isBrowserMainThread', 'priviledges', 'tokenKind',
      'verifyToken', 'version',
    ];
    const expected: Record<string, string[]> = {
      'agora-token-kit': lib,
      // The synchronous drop-ins add the official module object as a default export.
      'agora-token-kit/sync': [...lib, 'default'],
      'agora-token-kit/legacy': legacyLib,
      'agora-token-kit/legacy/sync': [...legacyLib, 'default'],
      'agora-token-kit/server': ['DEFAULT_MAX_BODY_BYTES', 'DEFAULT_SERVER_EXPIRES_IN_SECONDS', 'DEFAULT_TOKEN_TYPES', 'MAX_EXPIRES_IN_SECONDS', 'createMemoryRateLimiter', 'createTokenHandler', 'rateLimitKey'],
      'agora-token-kit/server/node': ['serve', 'toNodeHandler'],
      'agora-token-kit/errors': ['AgoraTokenError', 'isAgoraTokenError'],
    };
    for (const [entry, module] of Object.entries(ENTRIES)) expect(Object.keys(module).sort(), entry).toEqual([...expected[entry]!].sort());
  });

  it('every runtime export is named in another test file', () => {
    const tests = (readdirSync(join(ROOT, 'test'), { recursive: true }) as string[])
      .filter((f) => /\.(ts|mjs|cjs|js)$/.test(f) && !f.endsWith('exports.test.ts'))
      .map((f) => readFileSync(join(ROOT, 'test', f), 'utf8'))
      .join('\n');
    const missing: string[] = [];
    for (const [entry, module] of Object.entries(ENTRIES)) {
      for (const name of Object.keys(module)) if (!new RegExp(`\\b${name}\\b`).test(tests)) missing.push(`${entry}: ${name}`);
    }
    expect(missing).toEqual([]);
  });
});
