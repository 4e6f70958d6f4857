// The builder surface of every entry as data: each positional builder with valid arguments
// (SPEC 4.3 / 5) and each options-form builder with valid options, so tests can vary one field.
import { APP_ID, CERT } from './secrets.ts';

export type Lib = Record<string, any>;
export type Call = { name: string; fn: (...args: unknown[]) => unknown; args: unknown[] };
/** A 006 privilegeExpiredTs in the future (absolute Unix seconds). */
export const FUTURE = 2_000_000_000;

/** Every positional builder of a 007 entry with valid arguments (SPEC 4.3). */
export function builders007(lib: Lib): Call[] {
  const rtc12 = ['room', 'alice', 1, 3600, 3600, 3600, 3600, 3600, 'alice', 3600];
  const table: [string, string, unknown[]][] = [
    ['RtcTokenBuilder', 'buildTokenWithUid', ['room', 42, 1, 3600, 3600]],
    ['RtcTokenBuilder', 'buildTokenWithUserAccount', ['room', 'alice', 1, 3600, 3600]],
    ['RtcTokenBuilder', 'buildTokenWithUidAndPrivilege', ['room', 42, 3600, 3600, 3600, 3600, 3600]],
    ['RtcTokenBuilder', 'BuildTokenWithUserAccountAndPrivilege', ['room', 'alice', 3600, 3600, 3600, 3600, 3600]],
    ['RtcTokenBuilder', 'buildTokenWithUserAccountAndPrivilege', ['room', 'alice', 3600, 3600, 3600, 3600, 3600]],
    ['RtcTokenBuilder', 'buildTokenWithRtm', ['room', 'alice', 1, 3600, 3600]],
    ['RtcTokenBuilder', 'buildTokenWithRtm2', rtc12],
    ['RtmTokenBuilder', 'buildToken', ['alice', 3600]],
    ['RtmTokenBuilder', 'buildTokenWithPermissions', ['alice', new lib.Rtm2Permissions().add(0, 0, ['lobby']), 3600]],
    ['ChatTokenBuilder', 'buildUserToken', ['alice', 3600]],
    ['ChatTokenBuilder', 'buildAppToken', [3600]],
    ['FpaTokenBuilder', 'buildToken', []],
    ['ConvoAITokenBuilder', 'buildToken', rtc12],
    ['SttTokenBuilder', 'buildToken', rtc12],
    ...(['ApaasTokenBuilder', 'EducationTokenBuilder'] as const).flatMap((b): [string, string, unknown[]][] => [
      [b, 'buildRoomUserToken', ['room-uuid', 'user-uuid', 1, 3600]],
      [b, 'buildUserToken', ['user-uuid', 3600]],
      [b, 'buildAppToken', [3600]],
    ]),
  ];
  return table.map(([cls, method, rest]) => ({ name: `${cls}.${method}`, fn: (...a) => lib[cls][method](...a), args: [APP_ID, CERT, ...rest] }));
}

/** The 006 builders of a legacy entry (privilegeExpiredTs is absolute). */
export function builders006(lib: Lib): Call[] {
  const table: [string, string, unknown[]][] = [
    ['RtcTokenBuilder', 'buildTokenWithUid', ['room', 42, 1, FUTURE]],
    ['RtcTokenBuilder', 'buildTokenWithAccount', ['room', 'alice', 1, FUTURE]],
    ['RtcTokenBuilder', 'buildTokenWithUserAccount', ['room', 'alice', 1, FUTURE]],
    ['RtmTokenBuilder', 'buildToken', ['alice', 1, FUTURE]],
  ];
  return table.map(([cls, method, rest]) => ({ name: `${cls}.${method}`, fn: (...a) => lib[cls][method](...a), args: [APP_ID, CERT, ...rest] }));
}

/** Options-form builders with valid options. */
export function optionBuilders(lib: Lib): { name: string; fn: (o: unknown) => unknown; options: Record<string, unknown> }[] {
  const base = { appId: APP_ID, appCertificate: CERT };
  const plus = { channel: 'room', uid: 42, role: 'publisher', rtm: { userId: 'alice' } };
  return [
    ['buildRtcToken', { channel: 'room', uid: 42, role: 'publisher' }],
    ['buildRtmToken', { userId: 'alice' }],
    ['buildChatToken', { userId: 'alice' }],
    ['buildApaasToken', { roomUuid: 'room-uuid', userUuid: 'user-uuid', role: 1 }],
    ['buildEducationToken', { roomUuid: 'room-uuid', userUuid: 'user-uuid', role: 1 }],
    ['buildFpaToken', {}],
    ['buildConvoAIToken', plus],
    ['buildSttToken', plus],
  ].map(([name, o]) => ({ name: name as string, fn: (x: unknown) => lib[name as string](x), options: { ...base, ...(o as object) } }));
}

