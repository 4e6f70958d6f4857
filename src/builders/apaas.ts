/**
 * @module builders/apaas — ApaasTokenBuilder and EducationTokenBuilder (Flexible Classroom; the
 * two are identical in `agora-token` 2.0.6) and the options-form `buildApaasToken`.
 *
 * `buildRoomUserToken` gives the APaaS service the roomUser privilege (1) = expire, as the
 * official Go, Java, C++, PHP and Python builders do and the official vector
 * `apaas-room-user-rtm-chat` shows; the official Node builder leaves that map empty (SPEC Q5).
 */

import { md5Hex } from '../core/md5.ts';
import { assertI16, assertNonEmptyUserId, assertSeconds } from '../core/assert.ts';
import { AgoraTokenError } from '../errors.ts';
import type { Service } from '../token/services.ts';
import { ServiceApaas, ServiceChat, ServiceRtm } from '../token/services.ts';
import { appFlag, assertCredentials, ownOptions, type BuilderClass, type CommonTokenOptions, expiresIn, type Runner, tokenPipeline, optionsPipeline } from './common.ts';

/** i16 role; omitted (undefined/null) means -1. An explicit 0 is kept, as Python and Go do. */
function apaasRole(role: unknown): number {
  return role === undefined || role === null ? -1 : assertI16(role, 'role');
}

/** RTM login + Chat user (md5 of the user uuid) + APaaS roomUser, all lasting `expire`. */
function roomUserServices(roomUuid: unknown, userUuid: unknown, role: unknown, expire: number): Service[] {
  const room = assertNonEmptyUserId(roomUuid, 'roomUuid', 'for a token without a room use buildUserToken');
  const user = assertNonEmptyUserId(userUuid, 'userUuid', 'for an app token use buildAppToken');
  const apaas = new ServiceApaas(room, user, apaasRole(role)).addPrivilege(ServiceApaas.PRIVILEGE_ROOM_USER, expire);
  const rtm = new ServiceRtm(user).addPrivilege(ServiceRtm.kPrivilegeLogin, expire);
  // The Chat user id is md5(userUuid) as 32 lowercase hex characters (official behaviour).
  const chat = new ServiceChat(md5Hex(user)).addPrivilege(ServiceChat.kPrivilegeUser, expire);
  return [apaas, rtm, chat];
}

function userService(userUuid: unknown, field: string, expire: number): ServiceApaas {
  return new ServiceApaas('', assertNonEmptyUserId(userUuid, field, 'for an app token use buildAppToken'), -1).addPrivilege(ServiceApaas.PRIVILEGE_USER, expire);
}

function appService(expire: number): ServiceApaas {
  return new ServiceApaas('', '', -1).addPrivilege(ServiceApaas.PRIVILEGE_APP, expire);
}

/**
 * The static side of ApaasTokenBuilder (and of its official alias EducationTokenBuilder): Flexible
 * Classroom (APaaS) tokens, the static methods and parameter order of `agora-token`; durations are
 * seconds from now; bad input throws (or rejects with) an AgoraTokenError instead of returning ''.
 * An interface so that the declarations keep the methods' TSDoc (see RtcTokenBuilderStatic).
 */
export interface ApaasTokenBuilderStatic<R> extends BuilderClass {
  /**
   * Room user token: RTM login (userUuid), Chat user (md5 of userUuid) and APaaS(roomUuid,
   * userUuid, role) with the roomUser privilege, each lasting `expire` seconds.
   *
   * Difference from the official Node package: it leaves the APaaS privilege map empty; this
   * library adds roomUser(1) = expire like Agora's Go, Java, C++, PHP and Python builders.
   * @param role i16 Flexible Classroom role; `undefined`/`null` packs -1. An explicit 0 packs 0
   *   (the official Node class turns every falsy role, 0 included, into -1).
   * @example
   * ```ts
   * import { ApaasTokenBuilder } from 'agora-token-kit';
   * const token = await ApaasTokenBuilder.buildRoomUserToken(appId, appCertificate, 'room-1', 'user-1', 2, 3600);
   * ```
   */
  buildRoomUserToken(appId: string, appCertificate: string, roomUuid: string, userUuid: string | number, role: number | undefined, expire: number): R;
  /**
   * User token: APaaS('', userUuid, -1) with the user privilege.
   * @example
   * ```ts
   * const token = ApaasTokenBuilder.buildUserToken(appId, appCertificate, 'user-1', 3600); // from 'agora-token-kit/sync'
   * ```
   */
  buildUserToken(appId: string, appCertificate: string, userUuid: string | number, expire: number): R;
  /**
   * App token: APaaS('', '', -1) with the app privilege.
   * @example
   * ```ts
   * const token = await ApaasTokenBuilder.buildAppToken(appId, appCertificate, 3600);
   * ```
   */
  buildAppToken(appId: string, appCertificate: string, expire: number): R;
}

/**
 * Creates the ApaasTokenBuilder class for one entry's runner (methods documented on
 * {@link ApaasTokenBuilderStatic}).
 */
export function createApaasTokenBuilder<R>(run: Runner<R>): ApaasTokenBuilderStatic<R> {
  return class ApaasTokenBuilder {
    static buildRoomUserToken(appId: string, appCertificate: string, roomUuid: string, userUuid: string | number, role: number | undefined, expire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        const seconds = assertSeconds(expire, 'expire');
        return tokenPipeline(appId, appCertificate, seconds, roomUserServices(roomUuid, userUuid, role, seconds));
      });
    }

    static buildUserToken(appId: string, appCertificate: string, userUuid: string | number, expire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        const seconds = assertSeconds(expire, 'expire');
        return tokenPipeline(appId, appCertificate, seconds, [userService(userUuid, 'userUuid', seconds)]);
      });
    }

    static buildAppToken(appId: string, appCertificate: string, expire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        const seconds = assertSeconds(expire, 'expire');
        return tokenPipeline(appId, appCertificate, seconds, [appService(seconds)]);
      });
    }
  };
}

/** Creates the EducationTokenBuilder class (the same methods as ApaasTokenBuilder) for one entry's runner. */
export function createEducationTokenBuilder<R>(run: Runner<R>): ApaasTokenBuilderStatic<R> {
  /** The official alias of ApaasTokenBuilder for Flexible Classroom (same static methods). */
  return class EducationTokenBuilder extends createApaasTokenBuilder(run) {};
}

/**
 * Options of {@link buildApaasToken}. `roomUuid` + `userUuid` (+ `role`) make a room user token,
 * `userUuid` alone a user token, `app: true` an app token.
 * @example
 * ```ts
 * const options: ApaasTokenOptions = { appId, appCertificate, roomUuid: 'room-1', userUuid: 'user-1', role: 2 };
 * ```
 */
export interface ApaasTokenOptions extends CommonTokenOptions {
  /** Room uuid: with `userUuid`, a room user token (RTM + Chat + APaaS roomUser). */
  roomUuid?: string | undefined;
  /** User uuid. */
  userUuid?: string | undefined;
  /** i16 role for room user tokens; default -1. */
  role?: number | undefined;
  /** true for an app-level token (no room, no user). */
  app?: boolean | undefined;
}

/** Bound options-form APaaS / Education builder for one entry. */
export function createBuildApaasToken<R>(run: Runner<R>): (options: ApaasTokenOptions) => R {
  return function buildApaasToken(options: ApaasTokenOptions): R {
    return run(() => {
      options = ownOptions(options, 'buildApaasToken', ['roomUuid', 'userUuid', 'role', 'app']);
      assertCredentials(options.appId, options.appCertificate);
      const seconds = expiresIn(options);
      const { roomUuid, userUuid, role } = options;
      let services: Service[];
      if (appFlag(options.app)) {
        if (roomUuid !== undefined || userUuid !== undefined || role !== undefined) {
          throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'app: buildApaasToken() with app: true takes no roomUuid, userUuid or role', { field: 'app' });
        }
        services = [appService(seconds)];
      } else if (roomUuid !== undefined) {
        services = roomUserServices(roomUuid, userUuid, role, seconds);
      } else if (userUuid !== undefined) {
        if (role !== undefined) throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'role: applies only to room user tokens (give roomUuid too)', { field: 'role' });
        services = [userService(userUuid, 'userUuid', seconds)];
      } else {
        throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'userUuid: buildApaasToken() needs roomUuid + userUuid (room user token), userUuid (user token) or app: true (app token)', { field: 'userUuid' });
      }
      return optionsPipeline(options, seconds, services);
    });
  };
}
