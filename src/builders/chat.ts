/**
 * @module builders/chat — ChatTokenBuilder (official names and parameter order of `agora-token`
 * 2.0.6; durations in seconds from now) and the options-form `buildChatToken`.
 */

import { assertNonEmptyUserId, assertSeconds } from '../core/assert.ts';
import { AgoraTokenError } from '../errors.ts';
import { ServiceChat } from '../token/services.ts';
import { appFlag, assertCredentials, ownOptions, type BuilderClass, type CommonTokenOptions, expiresIn, type Runner, tokenPipeline, optionsPipeline } from './common.ts';

function chatUserService(userId: unknown, field: string, hint: string, expire: number): ServiceChat {
  return new ServiceChat(assertNonEmptyUserId(userId, field, hint)).addPrivilege(ServiceChat.kPrivilegeUser, expire);
}

/**
 * The static side of ChatTokenBuilder: Agora Chat tokens (AccessToken2), the static methods and
 * parameter order of `agora-token`; bad input throws (or rejects with) an AgoraTokenError instead
 * of returning ''. An interface so that the declarations keep the methods' TSDoc (see
 * RtcTokenBuilderStatic).
 */
export interface ChatTokenBuilderStatic<R> extends BuilderClass {
  /**
   * Chat user token: Chat(userUuid) with the user privilege. Token and privilege last `expire`
   * seconds from now.
   * @param userUuid non-empty, at most 255 bytes; a positive integer is stringified (the official
   *   Node class throws a TypeError for numbers, SPEC Q6, and packs '' as an app-shaped user token).
   * @example
   * ```ts
   * import { ChatTokenBuilder } from 'agora-token-kit';
   * const token = await ChatTokenBuilder.buildUserToken(appId, appCertificate, 'alice', 3600);
   * ```
   */
  buildUserToken(appId: string, appCertificate: string, userUuid: string | number, expire: number): R;
  /**
   * Chat app token (for your server's REST calls): Chat('') with the app privilege.
   * @example
   * ```ts
   * import { ChatTokenBuilder } from 'agora-token-kit/sync';
   * const token = ChatTokenBuilder.buildAppToken(appId, appCertificate, 3600);
   * ```
   */
  buildAppToken(appId: string, appCertificate: string, expire: number): R;
}

/**
 * Creates the ChatTokenBuilder class for one entry's runner (methods documented on
 * {@link ChatTokenBuilderStatic}).
 */
export function createChatTokenBuilder<R>(run: Runner<R>): ChatTokenBuilderStatic<R> {
  return class ChatTokenBuilder {
    static buildUserToken(appId: string, appCertificate: string, userUuid: string | number, expire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        const seconds = assertSeconds(expire, 'expire');
        return tokenPipeline(appId, appCertificate, seconds, [chatUserService(userUuid, 'userUuid', 'for an app token use ChatTokenBuilder.buildAppToken', seconds)]);
      });
    }

    static buildAppToken(appId: string, appCertificate: string, expire: number): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        const seconds = assertSeconds(expire, 'expire');
        return tokenPipeline(appId, appCertificate, seconds, [new ServiceChat('').addPrivilege(ServiceChat.kPrivilegeApp, seconds)]);
      });
    }
  };
}

/**
 * Options of {@link buildChatToken}: give `userId` for a user token or `app: true` for an app token.
 * @example
 * ```ts
 * const options: ChatTokenOptions = { appId, appCertificate, userId: 'alice', expiresInSeconds: 3600 };
 * ```
 */
export type ChatTokenOptions = CommonTokenOptions & ({ userId: string; app?: false | undefined } | { app: true; userId?: undefined });

/** Bound options-form Chat builder for one entry. */
export function createBuildChatToken<R>(run: Runner<R>): (options: ChatTokenOptions) => R {
  return function buildChatToken(options: ChatTokenOptions): R {
    return run(() => {
      options = ownOptions(options, 'buildChatToken', ['userId', 'app']);
      assertCredentials(options.appId, options.appCertificate);
      const seconds = expiresIn(options);
      const app = appFlag(options.app);
      if (app === (options.userId !== undefined)) {
        throw new AgoraTokenError('ERR_INVALID_ARGUMENT', 'userId: buildChatToken() needs exactly one of userId (user token) or app: true (app token)', { field: 'userId' });
      }
      const service = app
        ? new ServiceChat('').addPrivilege(ServiceChat.kPrivilegeApp, seconds)
        : chatUserService(options.userId, 'userId', 'for an app token pass { app: true }', seconds);
      return optionsPipeline(options, seconds, [service]);
    });
  };
}
