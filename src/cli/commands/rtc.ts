/** @module cli/commands/rtc — `rtc`, `convoai` and `stt`: RTC tokens (optionally with RTM, ConvoAI or STT) from flags. */

import { buildConvoAIToken, buildRtcToken, buildSttToken } from '../../api/sync.ts';
import type { RtcPrivilegeSeconds } from '../../builders/rtc.ts';
import { DEFAULT_EXPIRES_IN_SECONDS } from '../../builders/common.ts';
import { type FlagSpec, type FlagValues, int, lookupCaseless, str, uidOrAccount, UsageError } from '../args.ts';
import { BUILD_FLAGS, BUILD_FLAGS_HELP, BUILD_FOOTER, buildCommand, type Command, commonOptions } from '../command.ts';
import type { Io } from '../io.ts';

const RTC_FLAGS: FlagSpec = {
  ...BUILD_FLAGS,
  channel: { type: 'string', short: 'c' },
  uid: { type: 'string', short: 'u' },
  account: { type: 'string' },
  role: { type: 'string' },
  'privilege-expire': { type: 'string' },
  'join-expire': { type: 'string' },
  'audio-expire': { type: 'string' },
  'video-expire': { type: 'string' },
  'data-expire': { type: 'string' },
  'rtm-user-id': { type: 'string' },
  'rtm-expire': { type: 'string' },
};

const RTC_FLAGS_HELP = `  -c, --channel <name>     channel name (1-63 bytes: a-z A-Z 0-9 space ! # $ % & ( ) + - : ; < = . > ? @ [ ] ^ _ { } | ~ ,),
                           or '*' for a wildcard token (any channel; needs a uid other than 0)
  -u, --uid <n>            numeric uid 0..4294967295 (0 = any uid may join)
  --account <name>         string user account instead of --uid
  --role <role>            publisher, host or 1 (default: join + publish audio/video/data), or
                           subscriber, audience or 2 (join only); any letter case
  --privilege-expire <s>   lifetime of every privilege, seconds from now (default: --expire)
  --join-expire <s>        per-privilege lifetimes (seconds from now); with any of these four only the
  --audio-expire <s>       listed privileges are granted, plus joinChannel for --expire when
  --video-expire <s>       --join-expire is not given (no token joins without it); not with --role
  --data-expire <s>
  --rtm-user-id <id>       RTM user id (default: the uid/account; uid 0 needs one); implies --rtm
  --rtm-expire <s>         RTM login lifetime, seconds from now (default: --expire); implies --rtm`;

const ROLES = { publisher: 'publisher', host: 'publisher', '1': 'publisher', subscriber: 'subscriber', audience: 'subscriber', '2': 'subscriber' } as const;

function role(values: FlagValues): 'publisher' | 'subscriber' {
  const given = str(values, 'role') ?? 'publisher';
  const r = lookupCaseless(ROLES, given);
  if (r !== undefined) return r;
  throw new UsageError(`--role: expected publisher (or host, 1) or subscriber (or audience, 2), got "${given}"`, '--role');
}

function privileges(values: FlagValues): number | RtcPrivilegeSeconds | undefined {
  const per: RtcPrivilegeSeconds = {};
  const map = [['join-expire', 'joinChannel'], ['audio-expire', 'publishAudioStream'], ['video-expire', 'publishVideoStream'], ['data-expire', 'publishDataStream']] as const;
  for (const [flag, key] of map) {
    const v = int(values, flag);
    if (v !== undefined) per[key] = v;
  }
  const all = int(values, 'privilege-expire');
  if (Object.keys(per).length > 0) {
    if (all !== undefined) throw new UsageError('--privilege-expire: give it or the per-privilege --*-expire flags, not both', '--privilege-expire');
    // The listed privileges are the token's, so a role would be silently dropped: refuse it.
    if (str(values, 'role') !== undefined) throw new UsageError('--role: not with the per-privilege --*-expire flags, which list the privileges themselves', '--role');
    // A token without joinChannel is refused by Agora whatever else it grants (diagnose says so):
    // it joins for the token's lifetime unless told otherwise.
    per.joinChannel ??= int(values, 'expire') ?? DEFAULT_EXPIRES_IN_SECONDS;
    return per;
  }
  return all;
}

function rtcOptions(values: FlagValues, io: Io, withRtm: boolean) {
  const channel = str(values, 'channel');
  if (channel === undefined) throw new UsageError('--channel: missing', '--channel');
  const options = { ...commonOptions(values, io), channel, role: role(values), ...uidOrAccount(values) } as Parameters<typeof buildRtcToken>[0];
  const p = privileges(values);
  if (p !== undefined) options.privilegeExpiresInSeconds = p;
  const rtmUserId = str(values, 'rtm-user-id');
  const rtmExpire = int(values, 'rtm-expire');
  if (withRtm || rtmUserId !== undefined || rtmExpire !== undefined) {
    options.rtm = {};
    if (rtmUserId !== undefined) options.rtm.userId = rtmUserId;
    if (rtmExpire !== undefined) options.rtm.expiresInSeconds = rtmExpire;
  }
  return options;
}

/** `rtc` */
export const rtcCommand: Command = buildCommand('rtc', 'build an RTC token (007), optionally with RTM login', `agora-token-kit rtc — build an RTC token (AccessToken2, 007)

Usage:
  agora-token-kit rtc --channel <name> (--uid <n> | --account <name>) [options]

Options:
${RTC_FLAGS_HELP}
  --rtm                    also grant RTM login (one token for RTC and Signaling)
${BUILD_FLAGS_HELP}

Examples:
  export AGORA_APP_ID=... AGORA_APP_CERTIFICATE=...
  agora-token-kit rtc --channel room --uid 42
  agora-token-kit rtc --channel room --account alice --role subscriber --expire 600
  agora-token-kit rtc -c room -u 0 --join-expire 3600 --audio-expire 600 --json
  agora-token-kit rtc -c room -u 42 --rtm | agora-token-kit inspect
${BUILD_FOOTER}`, { ...RTC_FLAGS, rtm: { type: 'boolean' } }, (values, io) => buildRtcToken(rtcOptions(values, io, values['rtm'] === true)));

function plus(name: 'convoai' | 'stt', title: string, build: typeof buildConvoAIToken): Command {
  return buildCommand(name, `build a ${title} token (RTC + RTM + ${name === 'convoai' ? 'ConvoAI' : 'STT'}, 007)`, `agora-token-kit ${name} — build a ${title} token (RTC + RTM + ${name === 'convoai' ? 'ConvoAI' : 'STT'} service, 007)

The token the ${title} agent uses to join the channel, as the official ${name === 'convoai' ? 'ConvoAITokenBuilder' : 'SttTokenBuilder'}.buildToken makes it.

Usage:
  agora-token-kit ${name} --channel <name> (--uid <n> | --account <name>) [options]

Options:
${RTC_FLAGS_HELP.replaceAll('; implies --rtm', '')}
${BUILD_FLAGS_HELP}

Examples:
  agora-token-kit ${name} --channel room --uid 1001
  agora-token-kit ${name} --channel room --account agent-1 --rtm-user-id agent-1 --expire 7200 --json
${BUILD_FOOTER}`, RTC_FLAGS, (values, io) => build(rtcOptions(values, io, true)));
}

/** `convoai` */
export const convoaiCommand: Command = plus('convoai', 'Conversational AI', buildConvoAIToken);
/** `stt` */
export const sttCommand: Command = plus('stt', 'Real-time STT', buildSttToken);
