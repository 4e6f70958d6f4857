/**
 * @module test/runtimes/workerd/worker — the conformance Worker. Bundled by esbuild from the
 * installed package and served by the real workerd binary, without `nodejs_compat` (and again with it).
 * Routes: GET /suite (the portable suite), GET /rtc?channel&uid[&sync] (a token built with the
 * bound credentials), GET /decode?token. Credentials come from text bindings, as secrets do.
 */

import { runSuite } from '../suite.mjs';

export function createWorker(libs, keys, runtime, nodeCompat = false) {
  return {
    async fetch(request, env) {
      const url = new URL(request.url);
      const q = (name) => url.searchParams.get(name) ?? '';
      if (url.pathname === '/suite') {
        // With nodejs_compat, the suite checks that Node's globals are there (the case it tests).
        return Response.json(await runSuite(libs, { runtime, expect: keys, ...(nodeCompat ? { nodeGlobalsPresent: true } : { noNodeGlobals: true }) }));
      }
      if (url.pathname === '/rtc') {
        const lib = url.searchParams.has('sync') ? libs.sync : libs.main;
        const token = await lib.RtcTokenBuilder.buildTokenWithUid(env.APP_ID, env.APP_CERTIFICATE, q('channel'), Number(q('uid')), 1, 3600, 3600);
        return Response.json({ token });
      }
      if (url.pathname === '/decode') {
        try {
          return Response.json(libs.main.decodeToken(q('token')));
        } catch (error) {
          return Response.json({ code: error.code, name: error.name }, { status: 400 });
        }
      }
      return new Response('not found', { status: 404 });
    },
  };
}
