/** @module cli/commands/apaas — `apaas` / `education` (Flexible Classroom) and `fpa` tokens from flags. */

import { buildApaasToken, buildFpaToken } from '../../api/sync.ts';
import { str, UsageError } from '../args.ts';
import { BUILD_FLAGS, BUILD_FLAGS_HELP, BUILD_FOOTER, buildCommand, type Command, commonOptions } from '../command.ts';

function apaas(name: 'apaas' | 'education'): Command {
  const builder = name === 'apaas' ? 'ApaasTokenBuilder' : 'EducationTokenBuilder';
  return buildCommand(name, `build a Flexible Classroom (APaaS) room user, user or app token (007)${name === 'education' ? '; alias of apaas' : ''}`, `agora-token-kit ${name} — build a Flexible Classroom / APaaS token (AccessToken2, 007), as ${builder}

Usage:
  agora-token-kit ${name} --room-uuid <uuid> --user-uuid <uuid> [--role <n>] [options]   room user token
  agora-token-kit ${name} --user-uuid <uuid> [options]                                    user token
  agora-token-kit ${name} --app [options]                                                 app token

Options:
  --room-uuid <uuid>       classroom uuid (room user token: RTM + Chat + APaaS services)
  --user-uuid <uuid>       user uuid
  --role <n>               room role, an integer -32768..32767 (default -1, as the official builder)
  --app                    app-level token
${BUILD_FLAGS_HELP}

Examples:
  agora-token-kit ${name} --room-uuid class-101 --user-uuid student-7 --role 2
  agora-token-kit ${name} --user-uuid teacher-1 --expire 7200
  agora-token-kit ${name} --app --json
${BUILD_FOOTER}`, { ...BUILD_FLAGS, 'room-uuid': { type: 'string' }, 'user-uuid': { type: 'string' }, role: { type: 'string' }, app: { type: 'boolean' } }, (values, io) => {
    const options: Parameters<typeof buildApaasToken>[0] = commonOptions(values, io);
    const room = str(values, 'room-uuid');
    const user = str(values, 'user-uuid');
    const role = str(values, 'role');
    // The library names its own API in these two refusals; here they are about flags.
    if (values['app'] === true && (room !== undefined || user !== undefined || role !== undefined)) {
      throw new UsageError('--app: an app token takes no --room-uuid, --user-uuid or --role', '--app');
    }
    if (values['app'] !== true && user === undefined) throw new UsageError('--user-uuid: missing (or --app for an app token)', '--user-uuid');
    if (values['app'] === true) options.app = true;
    if (room !== undefined) options.roomUuid = room;
    if (user !== undefined) options.userUuid = user;
    if (role !== undefined) {
      if (!/^-?[0-9]{1,5}$/.test(role)) throw new UsageError(`--role: expected an integer -32768..32767, got "${role}"`, '--role');
      options.role = Number(role);
      if (room === undefined && values['app'] !== true) throw new UsageError('--role: applies only to room user tokens (give --room-uuid too)', '--role');
    }
    return buildApaasToken(options);
  });
}

/** `apaas` */
export const apaasCommand: Command = apaas('apaas');
/** `education` */
export const educationCommand: Command = apaas('education');

/** `fpa` */
export const fpaCommand: Command = buildCommand('fpa', 'build an FPA (full-path acceleration) token (007)', `agora-token-kit fpa — build an FPA token (AccessToken2, 007)

Like the official FpaTokenBuilder the login privilege is written as 0; the token lifetime is --expire.

Usage:
  agora-token-kit fpa [options]

Options:
${BUILD_FLAGS_HELP}

Examples:
  agora-token-kit fpa
  agora-token-kit fpa --expire 86400 --json
${BUILD_FOOTER}`, BUILD_FLAGS, (values, io) => buildFpaToken(commonOptions(values, io)));
