/**
 * @module scripts/parser-oracle — Agora's own Java, C++, PHP, Ruby, Go and Rust implementations
 * reading, verifying and rebuilding our tokens.
 *
 *   npx tsx scripts/parser-oracle.ts --tools ../Tools [--lang java,cpp,php,ruby,go,rust] [--cases 2000] [--seed 1]
 *     [--go-vectors vectors/go-built-007.json]
 *
 * `--tools` is a checkout of github.com/AgoraIO/Tools (nothing of it is copied into this project).
 * `--lang` takes a comma-separated list (default: all six; `both` means java,cpp); a requested
 * toolchain that is missing is an error, not a skip.
 * - Java: `javac` compiles its AccessToken2 from DynamicKey/AgoraDynamicKey/java into a temporary
 *   directory, with a driver and a stand-in for the two commons-codec calls it makes (Base64 and
 *   Hex, here on java.util.Base64), both written by this script.
 * - C++: `g++` compiles a driver written by this script against the header-only
 *   DynamicKey/AgoraDynamicKey/cpp/src/AccessToken2.h, linked with OpenSSL and zlib.
 * - PHP: `php` runs a driver written by this script that requires
 *   DynamicKey/AgoraDynamicKey/php/src/AccessToken2.php.
 * - Ruby: `ruby` runs a driver written by this script that requires
 *   DynamicKey/AgoraDynamicKey/ruby/lib/dynamic_key2.rb.
 * - Go: `go build` (offline: GOPROXY=off, GOFLAGS=-mod=mod) compiles a driver module written by
 *   this script whose go.mod points at DynamicKey/AgoraDynamicKey/go/src with a replace directive.
 * - Rust: `cargo build --release` compiles a driver crate written by this script whose Cargo.toml
 *   depends on DynamicKey/AgoraDynamicKey/rust by path (and on that crate's own dependencies, which
 *   cargo must be able to fetch: from its registry, or from a local source replacing it). The
 *   crate's AccessToken keeps its certificate, issue time and salt private, with no setter (its
 *   constructor takes the current time and a random salt), so for the rebuild the driver also
 *   compiles the crate's src/access_token.rs, unchanged, as a module of its own (include!), where it
 *   can set the certificate as the other drivers do; packing, Base64 and zlib stay the crate's.
 * For every token our `/sync` builders make from random inputs (every 007 builder, plus an
 * AccessToken2 with 1-5 random services of types 1-8, a type often repeated; `--cases` rounds),
 * each implementation must parse it, accept its signature with the certificate and reject it with
 * another, and, when it knows every service in it, rebuild from what it parsed the same token (its
 * own packer, HMAC and zlib). Java (java.util.zip.Deflater), C++ (zlib's compress), PHP
 * (zlib_encode) and Ruby (Zlib::Deflate) compress with canonical zlib at the default level, so
 * their rebuilt token string must equal ours byte for byte. Go (its own compress/flate) and Rust
 * (flate2 on miniz_oxide) compress with deflaters whose output is not zlib's, so their rebuilt token
 * must carry the same payload (both inflated and compared, by the driver); then our decodeToken and
 * verifyToken read each token they built, which must decode exactly like the token of ours it was
 * rebuilt from. The classes in the Tools tree, Rust's included (it knows the same types 1-8 as Go),
 * predate the ConvoAI and STT service types and stop reading at them, so those tokens are parsed and
 * verified but not rebuilt. Exits 1 on any difference, printing the first ones.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ours from '../src/sync.ts';
import { languagesOption, oracleInputs, option, oracleOptions, SetupError } from './lib/oracle-inputs.ts';
import { compileCpp, compileGo, compileJava, compileRust, type Driver, inTempDir, runDriver, versionOf } from './lib/toolchains.ts';

const { tools: TOOLS, cases: CASES, seed: SEED } = oracleOptions(2000);
/** --go-vectors <file>: also write some Go-built tokens as test vectors (vectors/go-built-007.json). */
const GO_VECTORS = option('go-vectors');
let GO_VERSION = '';
type Lang = 'java' | 'cpp' | 'php' | 'ruby' | 'go' | 'rust';
const ALL_LANGS: Lang[] = ['java', 'cpp', 'php', 'ruby', 'go', 'rust'];
const LANGS = languagesOption(ALL_LANGS, { both: ['java', 'cpp'] });
const JAVA_SRC = resolve(TOOLS, 'DynamicKey/AgoraDynamicKey/java/src/main/java');
const CPP_ROOT = resolve(TOOLS, 'DynamicKey/AgoraDynamicKey');
const PHP_SRC = resolve(CPP_ROOT, 'php/src');
const GO_SRC = resolve(CPP_ROOT, 'go/src');
const RUBY_LIB = resolve(CPP_ROOT, 'ruby/lib');
const RUST_CRATE = resolve(CPP_ROOT, 'rust');
const SOURCES: Record<Lang, string> = {
  java: join(JAVA_SRC, 'io/agora/media/AccessToken2.java'),
  cpp: join(CPP_ROOT, 'cpp/src/AccessToken2.h'),
  php: join(PHP_SRC, 'AccessToken2.php'),
  ruby: join(RUBY_LIB, 'dynamic_key2/access_token.rb'),
  go: join(GO_SRC, 'accesstoken2/accesstoken.go'),
  rust: join(RUST_CRATE, 'src/access_token.rs'),
};
for (const lang of LANGS) if (!existsSync(SOURCES[lang])) throw new SetupError(`${SOURCES[lang]} not found (is --tools a checkout of AgoraIO/Tools?)`);

// The drivers read "token TAB certificate TAB otherCertificate TAB rebuild(1|0)" lines and print
// one line per failure ("FAIL <line number> ..."), then "checked N rebuilt M failed F".
const JAVA_DRIVER = `import io.agora.media.AccessToken2;
import java.io.*;
public class JavaOracle {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    PrintStream out = new PrintStream(System.out, true, "UTF-8");
    String line;
    int n = 0, rebuilt = 0, failed = 0;
    while ((line = in.readLine()) != null) {
      String[] f = line.split("\\t");
      AccessToken2 t = new AccessToken2();
      boolean parsed = t.parse(f[0]);
      boolean verified = parsed && t.verifySignature(f[1]);
      boolean verifiedWithOther = parsed && t.verifySignature(f[2]);
      boolean rebuild = f[3].equals("1");
      String again = "";
      if (parsed && rebuild) { t.appCert = f[1]; again = t.build(); rebuilt++; }
      n++;
      if (!parsed || !verified || verifiedWithOther || (rebuild && !again.equals(f[0]))) {
        failed++;
        out.println("FAIL " + n + " parsed=" + parsed + " verified=" + verified + " verifiedWithOther=" + verifiedWithOther + " java=" + again);
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
#include "AccessToken2.h"
using namespace agora::tools;
int main() {
  std::string line;
  long n = 0, rebuilt = 0, failed = 0;
  while (std::getline(std::cin, line)) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    std::string part;
    while (std::getline(fields, part, '\\t')) f.push_back(part);
    AccessToken2 t;
    bool parsed = t.FromString(f[0]);
    bool verified = parsed && t.VerifySignature(f[1]) == kTokenVerifySuccess;
    bool verifiedWithOther = parsed && t.VerifySignature(f[2]) == kTokenVerifySuccess;
    bool rebuild = f[3] == "1";
    std::string again;
    if (parsed && rebuild) { t.app_cert_ = f[1]; again = t.Build(); rebuilt++; }
    n++;
    if (!parsed || !verified || verifiedWithOther || (rebuild && again != f[0])) {
      failed++;
      std::cout << "FAIL " << n << " parsed=" << parsed << " verified=" << verified << " verifiedWithOther=" << verifiedWithOther << " cpp=" << again << "\\n";
    }
  }
  std::cout << "checked " << n << " rebuilt " << rebuilt << " failed " << failed << "\\n";
}
`;

const PHP_DRIVER = `<?php
require_once $argv[1] . '/AccessToken2.php';
$n = 0; $rebuilt = 0; $failed = 0;
while (($line = fgets(STDIN)) !== false) {
  $f = explode("\\t", rtrim($line, "\\n"));
  $t = new AccessToken2();
  $parsed = $t->parse($f[0]) === true;
  $verified = $parsed && $t->verifySignature($f[1]);
  $verifiedWithOther = $parsed && $t->verifySignature($f[2]);
  $rebuild = $f[3] === '1';
  $again = '';
  if ($parsed && $rebuild) { $t->appCert = $f[1]; $again = $t->build(); $rebuilt++; }
  $n++;
  if (!$parsed || !$verified || $verifiedWithOther || ($rebuild && $again !== $f[0])) {
    $failed++;
    echo "FAIL $n parsed=" . var_export($parsed, true) . " verified=" . var_export($verified, true) . " verifiedWithOther=" . var_export($verifiedWithOther, true) . " php=$again\\n";
  }
}
echo "checked $n rebuilt $rebuilt failed $failed\\n";
`;

const RUBY_DRIVER = `require File.join(ARGV[0], 'dynamic_key2')
n = rebuilt = failed = 0
STDIN.each_line do |line|
  f = line.chomp.split("\\t", -1)
  t = AgoraDynamicKey2::AccessToken.new
  parsed = t.parse(f[0]) == true
  verified = parsed && t.verify_signature(f[1]) == true
  verified_with_other = parsed && t.verify_signature(f[2]) == true
  rebuild = f[3] == '1'
  again = ''
  if parsed && rebuild
    t.app_cert = f[1]
    again = t.build
    rebuilt += 1
  end
  n += 1
  next unless !parsed || !verified || verified_with_other || (rebuild && again != f[0])

  failed += 1
  puts "FAIL #{n} parsed=#{parsed} verified=#{verified} verifiedWithOther=#{verified_with_other} ruby=#{again}"
end
puts "checked #{n} rebuilt #{rebuilt} failed #{failed}"
`;

// Go's zlib writer is not canonical zlib, so a rebuilt Go token is compared by payload.
const GO_DRIVER = `package main

import (
\t"bufio"
\t"bytes"
\t"compress/zlib"
\t"encoding/base64"
\t"fmt"
\t"io"
\t"os"
\t"strings"

\tat "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/accesstoken2"
)

func payload(token string) []byte {
\tif len(token) < 3 {
\t\treturn nil
\t}
\traw, err := base64.StdEncoding.DecodeString(token[3:])
\tif err != nil {
\t\treturn nil
\t}
\tr, err := zlib.NewReader(bytes.NewReader(raw))
\tif err != nil {
\t\treturn nil
\t}
\tout, err := io.ReadAll(r)
\tif err != nil {
\t\treturn nil
\t}
\treturn out
}

func main() {
\tin := bufio.NewScanner(os.Stdin)
\tin.Buffer(make([]byte, 1<<20), 1<<24)
\tn, rebuilt, failed := 0, 0, 0
\tfor in.Scan() {
\t\tf := strings.Split(in.Text(), "\\t")
\t\tt := at.CreateAccessToken()
\t\tok, err := t.Parse(f[0])
\t\tparsed := ok && err == nil
\t\tverified, verifiedWithOther := false, false
\t\tif parsed {
\t\t\tv, err := t.VerifySignature(f[1])
\t\t\tverified = v && err == nil
\t\t\tw, err := t.VerifySignature(f[2])
\t\t\tverifiedWithOther = w && err == nil
\t\t}
\t\trebuild := f[3] == "1"
\t\tsame := true
\t\tagain := ""
\t\tif parsed && rebuild {
\t\t\tt.AppCert = f[1]
\t\t\tagain, err = t.Build()
\t\t\tmine := payload(again)
\t\t\tsame = err == nil && mine != nil && bytes.Equal(mine, payload(f[0]))
\t\t\tif same {
\t\t\t\tfmt.Printf("GO %d %s\\n", n+1, again)
\t\t\t}
\t\t\trebuilt++
\t\t}
\t\tn++
\t\tif !parsed || !verified || verifiedWithOther || !same {
\t\t\tfailed++
\t\t\tfmt.Printf("FAIL %d parsed=%v verified=%v verifiedWithOther=%v go=%s\\n", n, parsed, verified, verifiedWithOther, again)
\t\t}
\t}
\tfmt.Printf("checked %d rebuilt %d failed %d\\n", n, rebuilt, failed)
}
`;

// flate2's zlib writer is not canonical zlib either: a rebuilt Rust token is compared by payload,
// as Go's. `same_source` is the crate's access_token.rs compiled again inside the driver (see the
// module comment), the one way to set a parsed token's certificate.
const RUST_DRIVER = (accessTokenRs: string) => `use agora_token::access_token::create_access_token;
use agora_token::utils;
use std::io::{BufRead, BufWriter, Read, Write};

#[allow(dead_code, unused_imports)]
mod same_source {
    include!(${JSON.stringify(accessTokenRs)});

    pub fn rebuild(token: &str, cert: &str) -> Option<String> {
        let mut t = create_access_token();
        if !t.parse(token).ok()? {
            return None;
        }
        t.app_cert = cert.to_string();
        t.build().ok()
    }
}

fn payload(token: &str) -> Option<Vec<u8>> {
    let raw = utils::base64_decode_str(token.get(3..)?).ok()?;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(raw.as_slice()).read_to_end(&mut out).ok()?;
    Some(out)
}

fn main() {
    let mut out = BufWriter::new(std::io::stdout().lock());
    let (mut n, mut rebuilt, mut failed) = (0, 0, 0);
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        let f: Vec<&str> = line.split('\\t').collect();
        let mut t = create_access_token();
        let parse = t.parse(f[0]);
        let parsed = matches!(parse, Ok(true));
        let verified = parsed && t.verify_signature(f[1]);
        let verified_with_other = parsed && t.verify_signature(f[2]);
        let rebuild = f[3] == "1";
        let mut same = true;
        let mut again = String::new();
        if parsed && rebuild {
            again = same_source::rebuild(f[0], f[1]).unwrap_or_default();
            same = matches!((payload(&again), payload(f[0])), (Some(mine), Some(ours)) if mine == ours);
            if same {
                writeln!(out, "RUST {} {}", n + 1, again).unwrap();
            }
            rebuilt += 1;
        }
        n += 1;
        if !parsed || !verified || verified_with_other || !same {
            failed += 1;
            let error = parse.err().map(|e| format!(" error={e}")).unwrap_or_default();
            writeln!(out, "FAIL {n} parsed={parsed} verified={verified} verifiedWithOther={verified_with_other}{error} rust={again}").unwrap();
        }
    }
    writeln!(out, "checked {n} rebuilt {rebuilt} failed {failed}").unwrap();
}
`;

const { below, hex32, channel, account, uid, seconds, role } = oracleInputs(SEED);

/** One round: a token from every 007 builder of /sync and one from the AccessToken2 class, with whether the official classes know all its services. */
function round(appId: string, cert: string): { name: string; token: string; rebuild: boolean }[] {
  const s = seconds;
  const permissions = new ours.Rtm2Permissions();
  for (let k = below(4); k > 0; k--) permissions.add(below(5), below(2), Array.from({ length: below(3) }, () => channel()));
  const user = account() || 'u';
  const rtmUser = account(64);
  const make: [string, () => string][] = [
    ['RtcTokenBuilder.buildTokenWithUid', () => ours.RtcTokenBuilder.buildTokenWithUid(appId, cert, channel(), uid(), role() as 1 | 2, s(), s())],
    ['RtcTokenBuilder.buildTokenWithUserAccount', () => ours.RtcTokenBuilder.buildTokenWithUserAccount(appId, cert, channel(), account(), role() as 1 | 2, s(), s())],
    ['RtcTokenBuilder.buildTokenWithUidAndPrivilege', () => ours.RtcTokenBuilder.buildTokenWithUidAndPrivilege(appId, cert, channel(), uid(), s(), s(), s(), s(), s())],
    ['RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege', () => ours.RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege(appId, cert, channel(), account(), s(), s(), s(), s(), s())],
    ['RtcTokenBuilder.buildTokenWithRtm', () => ours.RtcTokenBuilder.buildTokenWithRtm(appId, cert, channel(), account(), role() as 1 | 2, s(), s())],
    ['RtcTokenBuilder.buildTokenWithRtm2', () => ours.RtcTokenBuilder.buildTokenWithRtm2(appId, cert, channel(), account(), role() as 1 | 2, s(), s(), s(), s(), s(), rtmUser, s())],
    ['RtmTokenBuilder.buildToken', () => ours.RtmTokenBuilder.buildToken(appId, cert, rtmUser, s())],
    ['RtmTokenBuilder.buildTokenWithPermissions', () => ours.RtmTokenBuilder.buildTokenWithPermissions(appId, cert, rtmUser, permissions, s())],
    ['ChatTokenBuilder.buildUserToken', () => ours.ChatTokenBuilder.buildUserToken(appId, cert, user, s())],
    ['ChatTokenBuilder.buildAppToken', () => ours.ChatTokenBuilder.buildAppToken(appId, cert, s())],
    ['FpaTokenBuilder.buildToken', () => ours.FpaTokenBuilder.buildToken(appId, cert)],
    ['ApaasTokenBuilder.buildRoomUserToken', () => ours.ApaasTokenBuilder.buildRoomUserToken(appId, cert, channel(), user, below(4), s())],
    ['ApaasTokenBuilder.buildUserToken', () => ours.ApaasTokenBuilder.buildUserToken(appId, cert, user, s())],
    ['ApaasTokenBuilder.buildAppToken', () => ours.ApaasTokenBuilder.buildAppToken(appId, cert, s())],
    ['ConvoAITokenBuilder.buildToken', () => ours.ConvoAITokenBuilder.buildToken(appId, cert, channel(), account(), role() as 1 | 2, s(), s(), s(), s(), s(), rtmUser, s())],
    ['SttTokenBuilder.buildToken', () => ours.SttTokenBuilder.buildToken(appId, cert, channel(), account(), role() as 1 | 2, s(), s(), s(), s(), s(), rtmUser, s())],
  ];
  make.push(['AccessToken2 with 1-5 random services, same types repeated', () => accessToken2(appId, cert)]);
  return make.map(([name, build]) => {
    const token = build();
    // Types 9 (ConvoAI) and 10 (STT) are newer than the Java and C++ AccessToken2 classes.
    const rebuild = (ours.decodeToken(token) as ours.DecodedToken007).services.every((x) => x.type <= 8);
    return { name, token, rebuild };
  });
}

/**
 * The class API: an AccessToken2 with 1-5 services of types 1-8 in random order, a type often
 * repeated (the official classes keep every service and pack them stably by type), each with
 * random privileges, at a random issue time.
 */
function accessToken2(appId: string, cert: string): string {
  const s = seconds;
  const user = () => account() || 'u';
  const grant = <T extends ours.Service>(service: T, privileges: number[]): T => {
    for (const p of privileges) if (below(3) !== 0) service.addPrivilege(p, s());
    if (Object.keys(service.privileges).length === 0) service.addPrivilege(privileges[0]!, s());
    return service;
  };
  const permissions = new ours.Rtm2Permissions();
  for (let k = below(3); k > 0; k--) permissions.add(below(5), below(2), Array.from({ length: below(3) }, () => channel()));
  const makers = [
    () => grant(new ours.ServiceRtc(channel(), uid()), [1, 2, 3, 4]),
    () => grant(new ours.ServiceRtm(user()), [1]),
    () => grant(new ours.ServiceStreaming(channel(), account()), [1, 2]),
    () => grant(new ours.ServiceFpa(), [1]),
    () => grant(new ours.ServiceChat(user()), [1, 2]),
    () => grant(new ours.ServiceFCdn(channel(), account()), [1, 2]),
    () => grant(new ours.ServiceApaas(account(64), account(64), below(3) - 1), [1, 2, 3]),
    () => grant(new ours.ServiceRtm2(account(64), permissions), [1]),
  ];
  const token = new ours.AccessToken2(appId, cert, 1_600_000_000 + below(300_000_000), s());
  const first = below(makers.length);
  for (let k = 1 + below(5); k > 0; k--) token.addService(makers[below(2) === 0 ? first : below(makers.length)]!());
  return token.build();
}

/** Compiles one implementation's driver in `dir`; returns the command that runs it. */
function compile(lang: Lang, dir: string): Driver {
  if (lang === 'php') {
    writeFileSync(join(dir, 'oracle.php'), PHP_DRIVER);
    const version = versionOf('php', ['--version']); // first: it names a missing php
    const zlib = spawnSync('php', ['-r', 'echo ZLIB_VERSION;'], { encoding: 'utf8' }).stdout.trim();
    return { cmd: 'php', args: [join(dir, 'oracle.php'), PHP_SRC], version: `${version}, zlib ${zlib}` };
  }
  if (lang === 'ruby') {
    writeFileSync(join(dir, 'oracle.rb'), RUBY_DRIVER);
    const version = versionOf('ruby', ['--version']); // first: it names a missing ruby
    const zlib = spawnSync('ruby', ['-rzlib', '-e', 'print Zlib.zlib_version'], { encoding: 'utf8' }).stdout.trim();
    return { cmd: 'ruby', args: [join(dir, 'oracle.rb'), RUBY_LIB], version: `${version}, zlib ${zlib}` };
  }
  if (lang === 'go') {
    const driver = compileGo(dir, GO_SRC, GO_DRIVER);
    GO_VERSION = driver.version;
    return driver;
  }
  if (lang === 'rust') return compileRust(dir, RUST_CRATE, RUST_DRIVER(SOURCES.rust));
  if (lang === 'java') return compileJava(dir, JAVA_SRC, 'JavaOracle', JAVA_DRIVER);
  return compileCpp(dir, CPP_ROOT, CPP_DRIVER);
}

/**
 * The implementations whose deflater is not zlib's (other block types and Huffman codes): their
 * rebuilt tokens are compared by payload, then read back by ours (readRebuiltTokens).
 */
const OWN_DEFLATE: Partial<Record<Lang, { name: string; deflate: string }>> = {
  go: { name: 'Go', deflate: "Go's own deflate" },
  rust: { name: 'Rust', deflate: "flate2's miniz_oxide" },
};

/**
 * The other direction: tokens Go or Rust built must decode with ours exactly as the token of ours
 * they were rebuilt from, and verify with the certificate. The driver prints each rebuilt token
 * whose payload matched as "GO n token" or "RUST n token".
 */
function readRebuiltTokens(lang: 'go' | 'rust', lines: string[]): number {
  const { name, deflate } = OWN_DEFLATE[lang]!;
  const tag = `${lang.toUpperCase()} `;
  const kept: Record<string, number> = {};
  const vectors: { builder: string; certificate: string; token: string; goToken: string }[] = [];
  let read = 0;
  let differentBytes = 0;
  let failed = 0;
  for (const line of lines) {
    if (!line.startsWith(tag)) continue;
    const [, n, theirs] = line.split(' ');
    const mine = tokens[Number(n) - 1]!;
    read++;
    if (theirs !== mine.token) differentBytes++;
    const same = JSON.stringify(ours.decodeToken(theirs!)) === JSON.stringify(ours.decodeToken(mine.token)) && ours.verifyToken(theirs!, mine.cert);
    if (!same && failed++ < 10) console.log(`    FAIL ours reading ${name}'s ${mine.name}: ${theirs}`);
    // --go-vectors: the first 4 of each builder, for the committed test vectors.
    if (same && lang === 'go' && GO_VECTORS && (kept[mine.name] = (kept[mine.name] ?? 0) + 1) <= 4) vectors.push({ builder: mine.name, certificate: mine.cert, token: mine.token, goToken: theirs! });
  }
  if (lang === 'go' && GO_VECTORS) {
    const note = `Written by scripts/parser-oracle.ts --go-vectors (seed ${SEED}): tokens of ours, each rebuilt by Agora's Go accesstoken2 (AgoraIO/Tools, go/src) from what it parsed, compressed by Go's compress/zlib; Go checked that its token inflates to the same payload as ours.`;
    writeFileSync(GO_VECTORS, `${JSON.stringify({ note, go: GO_VERSION, cases: vectors }, null, 1)}\n`);
    console.log(`  wrote ${vectors.length} Go-built tokens to ${GO_VECTORS}`);
  }
  console.log(`  ours reading ${name}'s ${read} rebuilt tokens (${differentBytes} of them not byte-equal to ours: ${deflate}): decoded like the originals and verified, differences ${failed}`);
  return failed;
}

const started = performance.now();
const tokens: { name: string; token: string; rebuild: boolean; cert: string }[] = [];
for (let i = 0; i < CASES; i++) {
  const cert = hex32();
  for (const t of round(hex32(), cert)) tokens.push({ ...t, cert });
}
const input = tokens.map((t) => `${t.token}\t${t.cert}\t${hex32()}\t${t.rebuild ? 1 : 0}`).join('\n') + '\n';
console.log(`parser-oracle: ${tokens.length} tokens (${CASES} rounds of ${tokens.length / CASES} builders), seed ${SEED}, built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

let differences = 0;
for (const lang of LANGS) {
  inTempDir(`${lang}-oracle`, (dir) => {
    const driver = compile(lang, dir);
    const { lines, checked, rebuilt, failed } = runDriver(lang, driver, input, tokens.length);
    // Go's and Rust's rebuilt tokens are compared by payload, the others' as strings (see the module comment).
    const compared = OWN_DEFLATE[lang] ? 'rebuilt and compared by payload' : 'rebuilt and compared as strings';
    console.log(`  ${lang} (${driver.version}): parsed and verified ${checked}, ${compared} ${rebuilt}, differences ${failed}`);
    differences += failed;
    if (lang === 'go' || lang === 'rust') differences += readRebuiltTokens(lang, lines);
    for (const l of lines.filter((x) => x.startsWith('FAIL')).slice(0, 20)) {
      const n = Number(l.split(' ')[1]) - 1;
      console.log(`    ${l.replace(/^FAIL \d+/, `FAIL ${tokens[n]!.name}`)}\n      ours ${tokens[n]!.token}`);
    }
  });
}
process.exitCode = differences === 0 ? 0 : 1;
