// Redirects what agora-token's own files (its tests and samples) require from agora-token to the
// built agora-token-kit: dist/sync.cjs for 007, dist/legacy-sync.cjs for 006. Used in-process by
// test/official-suite.test.ts and as a preload (`node -r`) for the samples, with the dist
// directory in AGORA_TOKEN_KIT_DIST. Only requests made from agora-token's test/ and sample/
// directories are redirected; the official modules themselves load normally.
const Module = require('node:module');
const path = require('node:path');

let redirected = 0;

/** Maps agora-token's module requests to ours; returns a function that undoes it. */
function installRedirect(dist) {
  const ours = require(path.join(dist, 'sync.cjs'));
  const legacy = require(path.join(dist, 'legacy-sync.cjs'));
  // agora-token's src/RtcTokenBuilder2 and its 006 builder modules export their role enums as
  // Role (its index calls them RtcRole / RtmRole).
  const modules = {
    '..': ours,
    '../index': ours,
    '../src/RtcTokenBuilder2': { RtcTokenBuilder: ours.RtcTokenBuilder, Role: ours.RtcRole },
    '../src/AccessToken': legacy,
    '../src/RtcTokenBuilder': { RtcTokenBuilder: legacy.RtcTokenBuilder, Role: legacy.RtcRole },
    '../src/RtmTokenBuilder': { RtmTokenBuilder: legacy.RtmTokenBuilder, Role: legacy.RtmRole },
  };
  for (const name of ['AccessToken2', 'RtmTokenBuilder2', 'ApaasTokenBuilder', 'ChatTokenBuilder', 'EducationTokenBuilder', 'FpaTokenBuilder', 'ConvoAITokenBuilder', 'SttTokenBuilder']) {
    modules[`../src/${name}`] = ours;
  }
  const from = /[\\/]node_modules[\\/]agora-token[\\/](test|sample)[\\/]/;
  const original = Module._load;
  Module._load = function (request, parent, isMain) {
    if (parent && from.test(parent.filename ?? '') && Object.prototype.hasOwnProperty.call(modules, request)) {
      redirected++;
      return modules[request];
    }
    return original.call(this, request, parent, isMain);
  };
  return () => {
    Module._load = original;
  };
}

module.exports = { installRedirect };
if (process.env.AGORA_TOKEN_KIT_DIST && require.main !== module) {
  installRedirect(process.env.AGORA_TOKEN_KIT_DIST);
  // For the test to see that the sample really ran on our package.
  process.on('exit', () => process.stderr.write(`[agora-token-kit redirect] ${redirected} requires\n`));
}
