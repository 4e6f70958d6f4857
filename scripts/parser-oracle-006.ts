/**
 * @module scripts/parser-oracle-006 — Agora's own Java, C++, PHP and Go AccessToken (006) reading
 * and re-signing our 006 tokens.
 *
 *   npx tsx scripts/parser-oracle-006.ts --tools ../Tools [--lang java,cpp,php,go] [--cases 2000] [--seed 1]
 *
 * `--tools` is a checkout of github.com/AgoraIO/Tools (nothing of it is copied into this project).
 * For every token our `/legacy/sync` makes from random inputs (RtcTokenBuilder.buildTokenWithUid
 * and buildTokenWithAccount, RtmTokenBuilder.buildToken, and the AccessToken class with random
 * privileges; `--cases` rounds), each implementation is given the token, its certificate and the
 * channel and uid text it was signed for (006 carries only their CRC-32s), parses it with its own
 * fromString and builds it again: the string must equal ours byte for byte (006 is not compressed).
 * Given another certificate instead, the rebuilt string must differ. A difference is any token
 * that does not parse, does not rebuild to the same string, or rebuilds to it with the other certificate. Ruby's 006 class is left out:
 * its decode does not parse (it calls an undefined `docode!`). Exits 1 on any difference.
 */

import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ours from '../src/legacy-sync.ts';
import { languagesOption, oracleInputs, oracleOptions } from './lib/oracle-inputs.ts';
import { compileCpp, compileGo, compileJava, type Driver, inTempDir, runDriver, versionOf } from './lib/toolchains.ts';

type Lang = 'java' | 'cpp' | 'php' | 'go';
const ALL_LANGS: Lang[] = ['java', 'cpp', 'php', 'go'];
const { tools: TOOLS, cases: CASES, seed: SEED } = oracleOptions(2000);
const LANGS = languagesOption(ALL_LANGS);
const ROOT = resolve(TOOLS, 'DynamicKey/AgoraDynamicKey');

// Every driver reads "token TAB certificate TAB channel TAB uid TAB otherCertificate" lines.
const JAVA_DRIVER = `import io.agora.media.AccessToken;
import java.io.*;
public class JavaOracle006 {
  static String rebuild(String[] f, String cert) throws Exception {
    AccessToken t = new AccessToken(f[0].substring(3, 35), cert, f[2], f[3]);
    return t.fromString(f[0]) ? t.build() : null;
  }
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    PrintStream out = new PrintStream(System.out, true, "UTF-8");
    String line;
    int n = 0, rebuilt = 0, failed = 0;
    while ((line = in.readLine()) != null) {
      String[] f = line.split("\\t", -1);
      String again = rebuild(f, f[1]);
      String other = rebuild(f, f[4]);
      n++;
      if (again != null) rebuilt++;
      if (again == null || !again.equals(f[0]) || other == null || other.equals(f[0])) {
        failed++;
        out.println("FAIL " + n + " java=" + again);
      }
    }
    out.println("checked " + n + " rebuilt " + rebuilt + " failed " + failed);
  }
}
`;

const CPP_DRIVER = `#include <iostream>
#include <sstream>
#include <string>
#include <vector>
#include "AccessToken.h"
using namespace agora::tools;
static bool rebuild(const std::vector<std::string>& f, const std::string& cert, std::string* out) {
  AccessToken t(f[0].substr(3, 32), cert, f[2], f[3]);
  if (!t.FromString(f[0])) return false;
  *out = t.Build();
  return true;
}
int main() {
  std::string line;
  long n = 0, rebuilt = 0, failed = 0;
  while (std::getline(std::cin, line)) {
    std::vector<std::string> f;
    size_t start = 0;
    for (size_t tab; (tab = line.find('\\t', start)) != std::string::npos; start = tab + 1) f.push_back(line.substr(start, tab - start));
    f.push_back(line.substr(start));
    std::string again, other;
    bool parsed = rebuild(f, f[1], &again);
    bool parsedOther = rebuild(f, f[4], &other);
    n++;
    if (parsed) rebuilt++;
    if (!parsed || again != f[0] || !parsedOther || other == f[0]) {
      failed++;
      std::cout << "FAIL " << n << " cpp=" << again << "\\n";
    }
  }
  std::cout << "checked " << n << " rebuilt " << rebuilt << " failed " << failed << "\\n";
}
`;

// initWithToken echoes its own complaints and returns null; a null is a failure here.
const PHP_DRIVER = `<?php
require_once $argv[1] . '/AccessToken.php';
function rebuild($f, $cert) { $t = AccessToken::initWithToken($f[0], $cert, $f[2], $f[3]); return $t === null ? null : $t->build(); }
$n = 0; $rebuilt = 0; $failed = 0;
while (($line = fgets(STDIN)) !== false) {
  $f = explode("\\t", rtrim($line, "\\n"));
  $again = rebuild($f, $f[1]);
  $other = rebuild($f, $f[4]);
  $n++;
  if ($again !== null) $rebuilt++;
  if ($again === null || $again !== $f[0] || $other === null || $other === $f[0]) { $failed++; echo "FAIL $n php=$again\\n"; }
}
echo "checked $n rebuilt $rebuilt failed $failed\\n";
`;

const GO_DRIVER = `package main

import (
\t"bufio"
\t"fmt"
\t"os"
\t"strings"

\tat "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/AccessToken"
)

func rebuild(f []string, cert string) (string, bool) {
\tt := at.CreateAccessToken2(f[0][3:35], cert, f[2], f[3])
\tif !t.FromString(f[0]) {
\t\treturn "", false
\t}
\tagain, err := t.Build()
\treturn again, err == nil
}

func main() {
\tin := bufio.NewScanner(os.Stdin)
\tin.Buffer(make([]byte, 1<<20), 1<<24)
\tn, rebuilt, failed := 0, 0, 0
\tfor in.Scan() {
\t\tf := strings.Split(in.Text(), "\\t")
\t\tagain, ok := rebuild(f, f[1])
\t\tother, okOther := rebuild(f, f[4])
\t\tn++
\t\tif ok {
\t\t\trebuilt++
\t\t}
\t\tif !ok || again != f[0] || !okOther || other == f[0] {
\t\t\tfailed++
\t\t\tfmt.Printf("FAIL %d go=%s\\n", n, again)
\t\t}
\t}
\tfmt.Printf("checked %d rebuilt %d failed %d\\n", n, rebuilt, failed)
}
`;

function compile(lang: Lang, dir: string): Driver {
  if (lang === 'java') return compileJava(dir, resolve(ROOT, 'java/src/main/java'), 'JavaOracle006', JAVA_DRIVER);
  if (lang === 'cpp') return compileCpp(dir, ROOT, CPP_DRIVER);
  if (lang === 'go') return compileGo(dir, resolve(ROOT, 'go/src'), GO_DRIVER);
  writeFileSync(join(dir, 'oracle.php'), PHP_DRIVER);
  return { cmd: 'php', args: [join(dir, 'oracle.php'), resolve(ROOT, 'php/src')], version: versionOf('php', ['--version']) };
}

const { below, pick, hex32, channel, account, uid } = oracleInputs(SEED);
const now = Math.floor(Date.now() / 1000);
/** 0 (Agora: 24 hours) or an absolute Unix time, as 006 takes them. */
const expireAt = () => pick([0, now + 3600, now + below(1_000_000), 0xffffffff, 1_000_000_000 + below(3_000_000_000)]);

/** One round: token, certificate, and the channel and uid text it was signed for. */
function round(appId: string, cert: string): { name: string; token: string; channel: string; uid: string }[] {
  const out: { name: string; token: string; channel: string; uid: string }[] = [];
  const ch = channel();
  const u = uid();
  out.push({ name: 'RtcTokenBuilder.buildTokenWithUid', token: ours.RtcTokenBuilder.buildTokenWithUid(appId, cert, ch, u, pick([0, 1, 2, 101]) as ours.RtcRole, expireAt()), channel: ch, uid: u === 0 ? '' : String(u) });
  const ch2 = channel();
  const acc = account() || 'a';
  out.push({ name: 'RtcTokenBuilder.buildTokenWithAccount', token: ours.RtcTokenBuilder.buildTokenWithAccount(appId, cert, ch2, acc, pick([0, 1, 2, 101]) as ours.RtcRole, expireAt()), channel: ch2, uid: acc });
  const user = account(64) || 'u';
  // The official 006 RTM token signs the account as the channel and an empty uid.
  out.push({ name: 'RtmTokenBuilder.buildToken', token: ours.RtmTokenBuilder.buildToken(appId, cert, user, 1, expireAt()), channel: user, uid: '' });
  const ch3 = channel();
  const u3 = below(2) === 0 ? String(uid()) : account() || 'b';
  const t = new ours.AccessToken(appId, cert, ch3, u3);
  for (const p of [1, 2, 3, 4, 1000]) if (below(2) === 0) t.addPrivilege(p, expireAt());
  if (Object.keys(t.messages).length === 0) t.addPrivilege(1, expireAt()); // ours refuses to build none
  // The class signs the uid text as given (only the number 0 means ''), as the official class does.
  out.push({ name: 'AccessToken with random privileges', token: t.build(), channel: ch3, uid: u3 });
  return out;
}

const started = performance.now();
const tokens: { name: string; token: string; channel: string; uid: string; cert: string }[] = [];
for (let i = 0; i < CASES; i++) {
  const cert = hex32();
  for (const t of round(hex32(), cert)) tokens.push({ ...t, cert });
}
const input = tokens.map((t) => `${t.token}\t${t.cert}\t${t.channel}\t${t.uid}\t${hex32()}`).join('\n') + '\n';
console.log(`parser-oracle-006: ${tokens.length} tokens (${CASES} rounds of ${tokens.length / CASES}), seed ${SEED}, built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

let differences = 0;
for (const lang of LANGS) {
  inTempDir(`${lang}-oracle-006`, (dir) => {
    const driver = compile(lang, dir);
    const { lines, checked, rebuilt, failed } = runDriver(lang, driver, input, tokens.length);
    console.log(`  ${lang} (${driver.version}): parsed ${rebuilt} of ${checked} and re-signed each with its certificate and another, differences ${failed}`);
    differences += failed;
    for (const l of lines.filter((x) => x.startsWith('FAIL')).slice(0, 20)) {
      const n = Number(l.split(' ')[1]) - 1;
      console.log(`    ${l.replace(/^FAIL \d+/, `FAIL ${tokens[n]!.name}`)}\n      ours ${tokens[n]!.token} channel ${JSON.stringify(tokens[n]!.channel)} uid ${JSON.stringify(tokens[n]!.uid)}`);
    }
  });
}
process.exitCode = differences === 0 ? 0 : 1;
