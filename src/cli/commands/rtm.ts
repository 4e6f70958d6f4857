/** @module cli/commands/rtm — `rtm` (RTM 1.x login, or RTM 2.x with --permission) and `chat` tokens from flags. */

import { buildChatToken, buildRtmToken } from '../../api/sync.ts';
import { Rtm2Permissions } from '../../token/rtm2-permissions.ts';
import { type FlagValues, str, UsageError } from '../args.ts';
import { BUILD_FLAGS, BUILD_FLAGS_HELP, BUILD_FOOTER, buildCommand, type Command, commonOptions } from '../command.ts';

const RESOURCES: Record<string, number> = { messagechannels: 0, streamchannels: 1, groupchannels: 2, servergroups: 3, users: 4 };
const PERMISSIONS: Record<string, number> = { read: 0, write: 1 };

function permissions(values: FlagValues): Rtm2Permissions | undefined {
  const specs = values['permission'];
  if (!Array.isArray(specs) || specs.length === 0) return undefined;
  // Repeating --permission for the same resource and access adds names (Rtm2Permissions.add
  // replaces a list, as the official class does); names are trimmed, empty ones refused.
  const lists = new Map<string, [number, number, string[]]>();
  for (const spec of specs as string[]) {
    const m = /^([a-zA-Z-]+):(read|write):(.+)$/i.exec(spec);
    const resource = m ? RESOURCES[m[1]!.replace(/-/g, '').toLowerCase()] : undefined;
    if (!m || resource === undefined) {
      throw new UsageError(`--permission: expected <resource>:<read|write>:<name,...> with resource messageChannels, streamChannels, groupChannels, serverGroups or users, got "${spec}"`, '--permission');
    }
    const names = m[3]!.split(',').map((n) => n.trim());
    if (names.includes('')) throw new UsageError(`--permission: an empty name in "${spec}"`, '--permission');
    const access = PERMISSIONS[m[2]!.toLowerCase()]!;
    const key = `${resource}:${access}`;
    let entry = lists.get(key);
    if (entry === undefined) lists.set(key, (entry = [resource, access, []]));
    for (const name of names) if (!entry[2].includes(name)) entry[2].push(name);
  }
  const p = new Rtm2Permissions();
  for (const [resource, access, names] of lists.values()) p.add(resource, access, names);
  return p;
}

function userId(values: FlagValues): string {
  const id = str(values, 'user-id');
  if (id === undefined) throw new UsageError('--user-id: missing', '--user-id');
  return id;
}

/** `rtm` */
export const rtmCommand: Command = buildCommand('rtm', 'build an RTM (Signaling) login token (007), RTM 2.x permissions optional', `agora-token-kit rtm — build an RTM (Signaling) login token (AccessToken2, 007)

Usage:
  agora-token-kit rtm --user-id <id> [--permission <resource>:<read|write>:<names>]... [options]

Options:
  --user-id <id>           RTM user id (at most 64 bytes)
  --permission <spec>      RTM 2.x channel permission, repeatable; makes an RTM2 service. <spec> is
                           <resource>:<read|write>:<name>[,<name>...], resource one of messageChannels,
                           streamChannels, groupChannels, serverGroups, users; a repeat for the same
                           resource and access adds its names
${BUILD_FLAGS_HELP}

Examples:
  agora-token-kit rtm --user-id alice
  agora-token-kit rtm --user-id alice --expire 86400 --json
  agora-token-kit rtm --user-id alice --permission messageChannels:read:lobby,news --permission users:write:bob
${BUILD_FOOTER}`, { ...BUILD_FLAGS, 'user-id': { type: 'string' }, permission: { type: 'string', multiple: true } }, (values, io) => {
  const options: Parameters<typeof buildRtmToken>[0] = { ...commonOptions(values, io), userId: userId(values) };
  const p = permissions(values);
  if (p) options.permissions = p;
  return buildRtmToken(options);
});

/** `chat` */
export const chatCommand: Command = buildCommand('chat', 'build an Agora Chat user or app token (007)', `agora-token-kit chat — build an Agora Chat token (AccessToken2, 007)

Usage:
  agora-token-kit chat --user-id <uuid> [options]     user token (SDK login)
  agora-token-kit chat --app [options]                app token (your server's REST calls)

Options:
  --user-id <uuid>         Chat user id (the user's UUID)
  --app                    build an app token instead of a user token
${BUILD_FLAGS_HELP}

Examples:
  agora-token-kit chat --user-id 3bc0d2c0-1ff1-11ee-b6b4-0d2f0c1e6c4d
  agora-token-kit chat --app --expire 600 --json
${BUILD_FOOTER}`, { ...BUILD_FLAGS, 'user-id': { type: 'string' }, app: { type: 'boolean' } }, (values, io) => {
  const common = commonOptions(values, io);
  const id = str(values, 'user-id');
  if (values['app'] === true) {
    if (id !== undefined) throw new UsageError('--app: takes no --user-id (an app token has no user)', '--app');
    return buildChatToken({ ...common, app: true });
  }
  if (id === undefined) throw new UsageError('--user-id: missing (or pass --app for an app token)', '--user-id');
  // The library's own message suggests its option ({ app: true }); here the flag is the way in.
  if (id === '') throw new UsageError('--user-id: must not be empty (or pass --app for an app token)', '--user-id');
  return buildChatToken({ ...common, userId: id });
});
