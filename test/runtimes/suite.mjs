/**
 * @module test/runtimes/suite — the portable conformance suite. It takes the package's entry
 * modules as arguments and uses no test framework and no `node:*`, so the same file runs in
 * Node (ESM and CJS), Deno, Bun, workerd, an edge VM and a browser page. Besides the official
 * vectors it builds the deflate corpus (deflate-corpus.mjs) through both 007 entries.
 *
 * `runSuite(libs, options)` — libs: `{ main, sync, legacy, legacySync, errors, server }` (module
 * namespaces; a missing key = entry not shipped); options: `{ runtime, expect: [keys that must be
 * present], noNodeGlobals, nodeGlobalsPresent, browserPage }`. Resolves `{ runtime, entries,
 * checks, passed, failed }`.
 */

import { CORPUS_CASES, corpusCase, corpusToken, sha256Hex } from './deflate-corpus.mjs';
import { CORPUS_SHA256 } from './deflate-corpus-expected.mjs';
import { inflateZlib } from './inflate.mjs';
import { V006, V007 } from './vectors.mjs';
import { assert, assertEq, b64decode, hex, projectService, vectorService } from './suite-helpers.mjs';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const RECASED_CERT = CERT.toLowerCase();
const CHANNEL = '7d72365eb983485397e3e3f9d460bdda';

/** Payload bytes of a 007 token, inflated by the independent oracle. */
const payloadHex = (token) => hex(inflateZlib(b64decode(token.slice(3))));

export async function runSuite(libs, options = {}) {
  const checks = [];
  const check = async (name, fn) => {
    try {
      await fn();
      checks.push({ name, ok: true });
    } catch (error) {
      checks.push({ name, ok: false, error: String((error && error.stack) || error).slice(0, 800) });
    }
  };
  for (const key of options.expect ?? []) {
    await check(`entry ${key} loads`, () => assert(libs[key] && typeof libs[key] === 'object', `entry ${key} missing`));
  }
  if (options.noNodeGlobals) {
    await check('runtime has no Node globals (process, Buffer, require)', () => {
      for (const name of ['process', 'Buffer', 'require']) assertEq(typeof globalThis[name], 'undefined', `typeof ${name}`);
    });
  }
  if (options.nodeGlobalsPresent) {
    // A runtime that adds Node's globals to a Web one (workerd's nodejs_compat): the suite then
    // shows the package behaves the same with them there.
    await check('runtime has Node globals (process, Buffer)', () => {
      assertEq(typeof globalThis.process, 'object', 'typeof process');
      assertEq(typeof globalThis.Buffer, 'function', 'typeof Buffer');
    });
  }
  if (options.browserPage && libs.main) {
    // The library refuses builds on a browser main thread unless explicitly allowed.
    await check('main: build in a browser page without opt-in rejects ERR_UNSAFE_ENVIRONMENT', async () => {
      const error = await rejection(() => libs.main.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 1, 1, 60));
      assertEq(error && error.code, 'ERR_UNSAFE_ENVIRONMENT', 'code');
    });
    for (const lib of Object.values(libs)) if (lib && typeof lib.dangerouslyAllowBrowserBuilds === 'function') lib.dangerouslyAllowBrowserBuilds();
  }
  for (const [key, mode] of [['main', 'async'], ['sync', 'sync']]) {
    if (libs[key]) await suite007(check, key, libs[key], mode);
    if (libs[key]) await suite007Recovery(check, key, libs[key], mode);
  }
  for (const key of ['main', 'sync']) {
    if (!libs[key]) continue;
    // Each entry bundles its own deflate: both must give canonical zlib in this runtime.
    await check(`${key}: canonical-zlib tokens for the ${CORPUS_CASES}-case deflate corpus (payloads ~120 B to 32 KiB)`, async () => {
      for (let i = 0; i < CORPUS_CASES; i++) {
        const c = corpusCase(i);
        assertEq(await sha256Hex(await corpusToken(libs[key], c)), CORPUS_SHA256[i], `SHA-256 of case ${i} (${c.kind}, ${c.bytes} B resource)`);
      }
    });
  }
  if (libs.main && libs.sync) {
    await check('cross: main-built token verifies with /sync and vice versa', async () => {
      const a = await libs.main.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 7, 1, 600, 600);
      const b = libs.sync.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 7, 1, 600, 600);
      assertEq(libs.sync.verifyToken(a, CERT), true, 'sync verifies main');
      assertEq(await libs.main.verifyToken(b, CERT), true, 'main verifies sync');
    });
  }
  for (const [key, mode] of [['legacy', 'async'], ['legacySync', 'sync']]) {
    if (libs[key]) await suite006(check, key, libs[key], mode, libs.sync ?? libs.main);
  }
  if (libs.errors) {
    await check('errors: one AgoraTokenError class across entries', async () => {
      const { AgoraTokenError, isAgoraTokenError } = libs.errors;
      for (const key of ['main', 'sync', 'legacy', 'legacySync']) {
        if (!libs[key] || !libs[key].AgoraTokenError) continue;
        assert(libs[key].AgoraTokenError === AgoraTokenError, `${key}.AgoraTokenError is not the /errors class`);
      }
      const lib = libs.sync ?? libs.main;
      if (lib) {
        const error = await rejection(() => lib.decodeToken('007%%%'));
        assert(error instanceof AgoraTokenError && isAgoraTokenError(error), 'decode error is an /errors AgoraTokenError');
      }
    });
  }
  if (libs.server) {
    await check('server: createTokenHandler answers GET /ping with a Web Response', async () => {
      const handler = libs.server.createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => false });
      const res = await handler(new Request('http://localhost/ping'));
      assertEq(res.status, 200, 'status');
      const denied = await handler(new Request('http://localhost/rtc/room/publisher/uid/1/'));
      assertEq(denied.status, 403, 'authorize false -> status');
      assert(!(await denied.text()).includes(CERT), 'certificate echoed');
      // The library's input errors become 400s naming their code (recognised by name: see suite007Recovery).
      const open = libs.server.createTokenHandler({ appId: APP_ID, appCertificate: CERT, authorize: () => true });
      const bad = await open(new Request('http://localhost/rtc/room/publisher/uid/abc/'));
      assertEq(bad.status, 400, 'bad uid -> status');
      assertEq((await bad.json()).error.code, 'ERR_INVALID_UID', 'bad uid -> code');
    });
  }
  if (libs.serverNode) {
    await check('server/node: exports toNodeHandler and serve', () => {
      assertEq(typeof libs.serverNode.toNodeHandler, 'function', 'toNodeHandler');
      assertEq(typeof libs.serverNode.serve, 'function', 'serve');
    });
  }
  const failed = checks.filter((c) => !c.ok).length;
  return { runtime: options.runtime ?? 'unknown', entries: Object.keys(libs).filter((k) => libs[k]), checks, passed: checks.length - failed, failed };
}

/** Calls fn and returns what it threw or rejected with (undefined if it succeeded). */
async function rejection(fn) {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Checks that a builder result has the entry's shape (Promise on async entries, string on sync) and unwraps it. */
async function result(mode, value) {
  if (mode === 'async') {
    assert(value && typeof value.then === 'function', 'async entry must return a Promise');
    return await value;
  }
  assert(typeof value === 'string' || typeof value === 'boolean', `sync entry returned ${typeof value}`);
  return value;
}

async function suite007(check, key, lib, mode) {
  for (const v of V007) {
    await check(`${key}: AccessToken2 rebuilds official ${v.id} (payload${v.exactString ? ' and exact string' : ''})`, async () => {
      const t = new lib.AccessToken2(v.appId, v.appCertificate, v.issueTs, v.expire);
      t.salt = v.salt;
      for (const s of v.services) t.addService(vectorService(lib, s));
      const token = await result(mode, t.build());
      assertEq(payloadHex(token), v.payloadHex, 'inflated payload');
      if (v.exactString) assertEq(token, v.token, 'token string');
    });
    await check(`${key}: decodeToken(official ${v.id})`, () => {
      const d = lib.decodeToken(v.token);
      assertEq(d.version, '007', 'version');
      assertEq([d.appId, d.issueTs, d.expire, d.salt].join(), [v.appId, v.issueTs, v.expire, v.salt].join(), 'header fields');
      assertEq(d.signature, v.payloadHex.slice(4, 68), 'signature');
      assertEq(JSON.stringify(d.services.map(projectService)), JSON.stringify(v.services.map(projectService)), 'services');
    });
  }
  const official = V007[0];
  await check(`${key}: verifyToken(official) true; re-cased certificate false`, async () => {
    assertEq(await result(mode, lib.verifyToken(official.token, official.appCertificate)), true, 'right certificate');
    assertEq(await result(mode, lib.verifyToken(official.token, official.appCertificate.toLowerCase())), false, 'wrong case');
  });
  await check(`${key}: buildRtcToken (options) reproduces ${official.id} payload`, async () => {
    const token = await result(mode, lib.buildRtcToken({
      appId: APP_ID, appCertificate: CERT, channel: CHANNEL, uid: 2882341273, role: 'subscriber', expiresInSeconds: 600, issuedAt: 1111111, salt: 1,
    }));
    assertEq(payloadHex(token), official.payloadHex, 'inflated payload');
  });
  await check(`${key}: RtcTokenBuilder.buildTokenWithUid (now) decodes and verifies`, async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await result(mode, lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room-1', 42, lib.RtcRole.PUBLISHER, 3600, 1800));
    const d = lib.decodeToken(token);
    assert(d.issueTs >= before - 1 && d.issueTs <= before + 5, `issueTs ${d.issueTs} is not now`);
    assertEq(d.expire, 3600, 'expire');
    assert(d.salt >= 1 && d.salt <= 99999999, 'salt range');
    assertEq(JSON.stringify(d.services.map(projectService)), JSON.stringify([{ type: 1, privileges: { 1: 1800, 2: 1800, 3: 1800, 4: 1800 }, channelName: 'room-1', uid: '42' }]), 'service');
    assertEq(await result(mode, lib.verifyToken(token, CERT)), true, 'verify');
    assertEq(await result(mode, lib.verifyToken(token, RECASED_CERT)), false, 'verify other cert');
  });
  await check(`${key}: RtmTokenBuilder.buildToken decodes and verifies`, async () => {
    const token = await result(mode, lib.RtmTokenBuilder.buildToken(APP_ID, CERT, 'alice', 600));
    const d = lib.decodeToken(token);
    assertEq(JSON.stringify(d.services.map(projectService)), JSON.stringify([{ type: 2, privileges: { 1: 600 }, userId: 'alice' }]), 'service');
    assertEq(await result(mode, lib.verifyToken(token, CERT)), true, 'verify');
  });
  await check(`${key}: invalid appId fails with AgoraTokenError ERR_INVALID_APP_ID, no secret echoed`, async () => {
    let thrown;
    let value;
    try {
      value = lib.RtcTokenBuilder.buildTokenWithUid('not-an-app-id', CERT, 'room', 1, 1, 60);
    } catch (error) {
      thrown = error;
    }
    if (mode === 'async') {
      assert(thrown === undefined, 'async entry must reject, not throw');
      thrown = await rejection(() => value);
    }
    assert(lib.isAgoraTokenError(thrown) && thrown instanceof lib.AgoraTokenError, 'AgoraTokenError');
    assertEq(thrown.name, 'AgoraTokenError', 'name');
    assertEq(thrown.code, 'ERR_INVALID_APP_ID', 'code');
    assert(!String(thrown.message).includes(CERT) && !String(thrown.stack).includes(CERT), 'certificate echoed');
  });
  await check(`${key}: decodeToken rejects malformed tokens with ERR_TOKEN_* codes`, async () => {
    for (const bad of ['007%%%', `007${official.token.slice(3, 40)}`, '00612345']) {
      const error = await rejection(() => lib.decodeToken(bad));
      assert(lib.isAgoraTokenError(error) && /^ERR_TOKEN_/.test(error.code), `no ERR_TOKEN_* for ${bad.slice(0, 12)}: ${error && error.code}`);
    }
  });
}

/*
 * Paths that catch the library's own errors and carry on (the official parsers' boolean results,
 * diagnose's findings): they recognise an AgoraTokenError by its name, which a minifier must not
 * change (the edge runner bundles minified).
 */
async function suite007Recovery(check, key, lib, mode) {
  await check(`${key}: AccessToken2.from_string reads past trailing junk and answers false for garbage`, async () => {
    const token = await result(mode, lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room', 7, 1, 600, 600));
    const t = new lib.AccessToken2();
    assertEq(t.from_string(`${token} `), true, 'token and a space');
    assertEq(t.salt > 0, true, 'salt read');
    assertEq(new lib.AccessToken2().from_string('007garbage'), false, 'garbage');
  });
  await check(`${key}: diagnoseToken on text that is no token is a TOKEN_MALFORMED finding, not a throw`, async () => {
    const findings = await (mode === 'async' ? lib.diagnoseToken('garbage') : Promise.resolve(lib.diagnoseToken('garbage')));
    assertEq(JSON.stringify(findings.map((f) => f.code)), '["TOKEN_MALFORMED"]', 'finding codes');
  });
}

async function suite006(check, key, lib, mode, decoder) {
  for (const v of V006) {
    await check(`${key}: AccessToken rebuilds official 006 ${v.id} byte-for-byte`, async () => {
      const t = new lib.AccessToken(v.appId, v.appCertificate, v.channel, v.uid === '' ? 0 : v.uid);
      t.salt = v.salt;
      t.ts = v.ts;
      for (const [id, expire] of Object.entries(v.privileges)) t.addPrivilege(Number(id), expire);
      assertEq(await result(mode, t.build()), v.token, 'token string');
    });
  }
  const v = V006[0];
  if (decoder) {
    await check(`${key}: decodeToken/verifyToken understand official 006 ${v.id}`, async () => {
      const d = decoder.decodeToken(v.token);
      assertEq([d.version, d.appId, d.salt, d.ts, d.crcChannelName, d.crcUid, d.signature].join(), ['006', v.appId, v.salt, v.ts, v.crcChannel, v.crcUid, v.signatureHex].join(), 'fields');
      assertEq(await decoder.verifyToken(v.token, v.appCertificate, { channelName: v.channel, uid: Number(v.uid) }), true, 'verify');
      assertEq(await decoder.verifyToken(v.token, v.appCertificate, { channelName: 'other', uid: Number(v.uid) }), false, 'other channel');
    });
  }
  await check(`${key}: RtcTokenBuilder.buildTokenWithUid (006, absolute expiry) builds a verifiable token`, async () => {
    const expireTs = Math.floor(Date.now() / 1000) + 3600;
    const token = await result(mode, lib.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, 'room-6', 99, lib.RtcRole.PUBLISHER, expireTs));
    assert(token.startsWith(`006${APP_ID}`), '006 prefix');
    if (decoder) {
      const d = decoder.decodeToken(token);
      assertEq(JSON.stringify(d.privileges.map((p) => [p.id, p.expire])), JSON.stringify([1, 2, 3, 4].map((id) => [id, expireTs])), 'privileges');
      assertEq(await decoder.verifyToken(token, CERT, { channelName: 'room-6', uid: 99 }), true, 'verify');
    }
  });
  await check(`${key}: AccessToken.fromString reads past trailing junk and answers false for garbage`, () => {
    assertEq(new lib.AccessToken(v.appId, v.appCertificate, v.channel, v.uid === '' ? 0 : v.uid).fromString(`${v.token} `), true, 'token and a space');
    assertEq(new lib.AccessToken(v.appId, v.appCertificate, v.channel, v.uid === '' ? 0 : v.uid).fromString('006garbage'), false, 'garbage');
  });
}
