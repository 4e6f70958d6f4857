#!/usr/bin/env bash
# Runs the Jazzer.js (libFuzzer) coverage-guided targets one after another on the built package.
#
#   npm run build && npm i --no-save @jazzer.js/core@4     # Jazzer is not a dependency
#   node scripts/fuzz-coverage/patch-jazzer-glibc.mjs       # only where glibc < 2.38 (Debian 12)
#   node scripts/fuzz-coverage/seeds.cjs /tmp/fz-corpus      # seed corpora from vectors/
#   scripts/fuzz-coverage/run.sh 300 payload-007 stream-007  # seconds per target, targets (default: all)
#
# Corpora in $CORPUS (default /tmp/fz-corpus/<target>), crash inputs in $ARTIFACTS (default
# /tmp/fz-artifacts/<target>-crash-<sha1>), logs in $LOGS (default /tmp/fz-logs/<target>.log); the
# final "#N DONE cov: ... ft: ... corp: ... exec/s: ..." line of each log is the run's summary.
# A violated rule stops that target with the input saved (replay: the same command with the
# artifact path instead of the corpus directory).
set -u
cd "$(dirname "$0")/../.."
SECS=${1:-300}; shift || true
TARGETS=${*:-payload-007 stream-007 inflate-direct token-006 token-string}
CORPUS=${CORPUS:-/tmp/fz-corpus}; ARTIFACTS=${ARTIFACTS:-/tmp/fz-artifacts}; LOGS=${LOGS:-/tmp/fz-logs}
# The local binary, not `npx jazzer`: without @jazzer.js/core installed, npx looks up a package
# named "jazzer" in the registry, and its error went only into the log while run.sh went on.
JAZZER=node_modules/.bin/jazzer
if [ ! -x "$JAZZER" ]; then
  echo "run.sh: $JAZZER not found; install Jazzer.js first: npm i --no-save @jazzer.js/core@4 (see the top of this file)" >&2
  exit 2
fi
mkdir -p "$ARTIFACTS" "$LOGS"
[ -f /tmp/jazzer-ios-shim.so ] && export LD_PRELOAD=/tmp/jazzer-ios-shim.so
for t in $TARGETS; do
  inc=dist/; [ "$t" = inflate-direct ] && inc=agora-fuzz-inflate/
  mkdir -p "$CORPUS/$t"
  echo "== $t ($SECS s) $(date -u +%FT%TZ)"
  nice -n 10 "$JAZZER" "scripts/fuzz-coverage/$t.cjs" "$CORPUS/$t" -i "$inc" -- \
    -max_total_time="$SECS" -max_len=4096 -artifact_prefix="$ARTIFACTS/$t-" -print_final_stats=1 \
    > "$LOGS/$t.log" 2>&1
  echo "   exit $? $(date -u +%FT%TZ)"; grep -E '^#[0-9]+[[:space:]]+DONE|^stat::|RuleViolation|^==[0-9]+== ' "$LOGS/$t.log" | head -12
done
