/**
 * @module inspect/describe-service — identity fields and a one-line summary per decoded service,
 * shared by inspect's 007 and 006 paths.
 */

import { printable } from '../core/text.ts';
import type { DecodedService } from '../token/decoded.ts';
import { describeUid } from './service-info.ts';

const RESOURCE_TYPES = ['messageChannels', 'streamChannels', 'groupChannels', 'serverGroups', 'users'];
const PERMISSION_TYPES = ['read', 'write'];

/**
 * Fields and summary of a 007 service. The summary quotes token text, so it is made printable
 * (see core/text printable); the fields keep the text as it is.
 */
export function describe007(s: DecodedService): { fields: Record<string, string | number>; summary: string } {
  const described = describe(s);
  described.summary = printable(described.summary);
  return described;
}

function describe(s: DecodedService): { fields: Record<string, string | number>; summary: string } {
  switch (s.name) {
    case 'rtc':
      return { fields: { channelName: s.channelName, uid: s.uid }, summary: `channel "${s.channelName}"${s.channelName === '*' ? ' (wildcard: any channel)' : ''}, ${describeUid(s.uid)}` };
    case 'rtm':
      return { fields: { userId: s.userId }, summary: `user "${s.userId}"` };
    case 'chat':
      return { fields: { userId: s.userId }, summary: s.userId === '' ? 'app token (no user)' : `user "${s.userId}"` };
    case 'rtm2': {
      const permissions = s.permissions
        .map((p) => `${RESOURCE_TYPES[p.resourceType] ?? p.resourceType}.${PERMISSION_TYPES[p.permissionType] ?? p.permissionType}=[${p.resources.join(',')}]`)
        .join('; ');
      const fields: Record<string, string> = { userId: s.userId };
      if (permissions) fields['permissions'] = permissions;
      return { fields, summary: `user "${s.userId}"${permissions ? `, permissions ${permissions}` : ', no channel permissions'}` };
    }
    case 'streaming':
    case 'fcdn':
      return { fields: { channelName: s.channelName, account: s.account }, summary: `channel "${s.channelName}", account ${s.account === '' ? '(any)' : `"${s.account}"`}` };
    case 'apaas':
      return {
        fields: { roomUuid: s.roomUuid, userUuid: s.userUuid, role: s.role },
        summary: `room ${s.roomUuid === '' ? '(none)' : `"${s.roomUuid}"`}, user ${s.userUuid === '' ? '(none)' : `"${s.userUuid}"`}, role ${s.role}${s.role === -1 ? ' (default)' : ''}`,
      };
    case 'unknown':
      return { fields: { unparsedBytes: s.unparsedBytes }, summary: `service type ${s.type} is unknown to this library; ${s.unparsedBytes} bytes were not read` };
    default:
      return { fields: {}, summary: 'no identity fields' };
  }
}

/** `0x107d48b7`-style hex of a CRC. */
export function crcHex(crc: number): string {
  return `0x${crc.toString(16).padStart(8, '0')}`;
}
