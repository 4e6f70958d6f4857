/**
 * @module builders/rtm — RtmTokenBuilder (official names and order of `agora-token` 2.0.6) and
 * the options-form `buildRtmToken`. RTM user ids are at most 64 bytes (official JSDoc).
 */

import { assertSeconds, assertUserId } from '../core/assert.ts';
import { AgoraTokenError } from '../errors.ts';
import type { Rtm2Permissions } from '../token/rtm2-permissions.ts';
import { ServiceRtm, ServiceRtm2 } from '../token/services.ts';
import { assertCredentials, ownOptions, type BuilderClass, type CommonTokenOptions, expiresIn, type Runner, tokenPipeline, optionsPipeline } from './common.ts';

/** Largest RTM user id in bytes. */
const MAX_RTM_USER_ID_BYTES = 64;

/**
 * The static side of RtmTokenBuilder (RTM tokens, AccessToken2; durations in seconds from now),
 * returning `R` (`string` from `/sync`, `Promise<string>` from the main entry). An interface so that
 * the declarations keep the methods' TSDoc (see RtcTokenBuilderStatic).
 */
export interface RtmTokenBuilderStatic<R> extends BuilderClass {
  /**
   * RTM 1.x login token. A numeric user id is written as its decimal text (0 as ''), as the
   * official typings allow (the official package itself throws on a number).
   * @example
   * ```ts
   * await RtmTokenBuilder.buildToken(appId, appCertificate, 'alice', 3600);
   * ```
   */
  buildToken(appId: string, appCertificate: string, userId: string | number, expire: number): R;
  /**
   * RTM 2.x login token with a permission tree: an Rtm2Permissions (of any entry, or the official
   * package's) or a `{ details }` object of that shape; null means none, as in the official package.
   * @example
   * ```ts
   * const permissions = new Rtm2Permissions().add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kRead, ['lobby']);
   * await RtmTokenBuilder.buildTokenWithPermissions(appId, appCertificate, 'alice', permissions, 3600);
   * ```
   */
  buildTokenWithPermissions(appId: string, appCertificate: string, userId: string | number, permissions: Pick<Rtm2Permissions, 'details'> | null, expire: number): R;
}

/**
 * Creates the RtmTokenBuilder class for one entry's runner (methods documented on
 * {@link RtmTokenBuilderStatic}).
 */
export function createRtmTokenBuilder<R>(run: Runner<R>): RtmTokenBuilderStatic<R> {
  return class RtmTokenBuilder {
    static buildToken(appId: string, appCertificate: string, userId: string | number, expire: number): R {
      // 006's RtmTokenBuilder.buildToken(appId, cert, account, role, privilegeExpiredTs) called here
      // reads the role (1) as the lifetime: agora-token builds a token that lasts one second.
      const extra = arguments.length > 4 && typeof arguments[4] === 'number';
      return run(() => {
        if (extra) {
          throw new AgoraTokenError('ERR_INVALID_ARGUMENT',
            'expire: RtmTokenBuilder.buildToken takes (appId, appCertificate, userId, expire) in 007, and this call passes a 5th argument as 006 did (userId, role, privilegeExpiredTs): drop the role and pass seconds from now, e.g. 3600 (006 tokens: agora-token-kit/legacy/sync)',
            { field: 'expire' });
        }
        assertCredentials(appId, appCertificate);
        const seconds = assertSeconds(expire, 'expire');
        const rtm = new ServiceRtm(assertUserId(userId, 'userId', MAX_RTM_USER_ID_BYTES)).addPrivilege(ServiceRtm.kPrivilegeLogin, seconds);
        return tokenPipeline(appId, appCertificate, seconds, [rtm]);
      });
    }

    static buildTokenWithPermissions(appId: string, appCertificate: string, userId: string | number, permissions: Pick<Rtm2Permissions, 'details'> | null, expire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        const seconds = assertSeconds(expire, 'expire');
        const rtm2 = new ServiceRtm2(assertUserId(userId, 'userId', MAX_RTM_USER_ID_BYTES), permissions).addPrivilege(ServiceRtm2.kPrivilegeLogin, seconds);
        return tokenPipeline(appId, appCertificate, seconds, [rtm2]);
      });
    }
  };
}

/** Options of {@link buildRtmToken}. */
export interface RtmTokenOptions extends CommonTokenOptions {
  /** RTM user id, at most 64 bytes. */
  userId: string;
  /** RTM 2.x permissions; when given, an RTM2 service is built instead of RTM 1.x (omit it, or pass null, for RTM 1.x). */
  permissions?: Pick<Rtm2Permissions, 'details'> | null | undefined;
}

/** Bound options-form RTM builder for one entry. */
export function createBuildRtmToken<R>(run: Runner<R>): (options: RtmTokenOptions) => R {
  return function buildRtmToken(options: RtmTokenOptions): R {
    return run(() => {
      options = ownOptions(options, 'buildRtmToken', ['userId', 'permissions']);
      assertCredentials(options.appId, options.appCertificate);
      const seconds = expiresIn(options);
      const userId = assertUserId(options.userId, 'userId', MAX_RTM_USER_ID_BYTES);
      if (userId === '') throw new AgoraTokenError('ERR_INVALID_ACCOUNT', 'userId: must not be empty', { field: 'userId' });
      // Any value but undefined/null asks for RTM2 (and is checked there), so a falsy 0 or '' is
      // refused rather than taken for "no permissions" (an RTM 1.x token).
      if (options.permissions != null && typeof options.permissions !== 'object') {
        throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'permissions: expected an Rtm2Permissions (omit it, or pass null, for an RTM 1.x token)', { field: 'permissions' });
      }
      const service = options.permissions != null
        ? new ServiceRtm2(userId, options.permissions).addPrivilege(ServiceRtm2.kPrivilegeLogin, seconds)
        : new ServiceRtm(userId).addPrivilege(ServiceRtm.kPrivilegeLogin, seconds);
      return optionsPipeline(options, seconds, [service]);
    });
  };
}

