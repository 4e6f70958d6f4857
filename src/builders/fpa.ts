/**
 * @module builders/fpa — FpaTokenBuilder (official name of `agora-token` 2.0.6) and the
 * options-form `buildFpaToken`. FPA (full-path acceleration) tokens carry one FPA service whose
 * login privilege is written as 0, exactly as the official builder does (SPEC 2.8, Q8).
 */

import { ServiceFpa } from '../token/services.ts';
import { assertCredentials, ownOptions, type BuilderClass, type CommonTokenOptions, expiresIn, type Runner, tokenPipeline, optionsPipeline } from './common.ts';

/**
 * Token lifetime of the official `FpaTokenBuilder.buildToken`: 24 hours.
 * @example
 * ```ts
 * const token = await buildFpaToken({ appId, appCertificate, expiresInSeconds: FPA_TOKEN_EXPIRE_SECONDS });
 * ```
 */
export const FPA_TOKEN_EXPIRE_SECONDS = 86_400; // 24 h

function fpaService(): ServiceFpa {
  return new ServiceFpa().addPrivilege(ServiceFpa.kPrivilegeLogin, 0);
}

/**
 * The static side of FpaTokenBuilder: FPA tokens (AccessToken2); bad credentials throw (or reject
 * with) an AgoraTokenError. An interface so that the declarations keep the method's TSDoc (see
 * RtcTokenBuilderStatic).
 */
export interface FpaTokenBuilderStatic<R> extends BuilderClass {
  /**
   * FPA token lasting 24 hours from now; login privilege 0 (as the official builder).
   * @example
   * ```ts
   * import { FpaTokenBuilder } from 'agora-token-kit';
   * const token = await FpaTokenBuilder.buildToken(appId, appCertificate);
   * ```
   */
  buildToken(appId: string, appCertificate: string): R;
}

/**
 * Creates the FpaTokenBuilder class for one entry's runner (documented on {@link FpaTokenBuilderStatic}).
 */
export function createFpaTokenBuilder<R>(run: Runner<R>): FpaTokenBuilderStatic<R> {
  return class FpaTokenBuilder {
    static buildToken(appId: string, appCertificate: string): R {
      return run(() => {
        assertCredentials(appId, appCertificate);
        return tokenPipeline(appId, appCertificate, FPA_TOKEN_EXPIRE_SECONDS, [fpaService()]);
      });
    }
  };
}

/**
 * Options of {@link buildFpaToken}. `expiresInSeconds` defaults to 3600 like every options-form
 * builder (the positional `FpaTokenBuilder.buildToken` always uses 86400).
 * @example
 * ```ts
 * const options: FpaTokenOptions = { appId, appCertificate, expiresInSeconds: 86400 };
 * ```
 */
export type FpaTokenOptions = CommonTokenOptions;

/** Bound options-form FPA builder for one entry. */
export function createBuildFpaToken<R>(run: Runner<R>): (options: FpaTokenOptions) => R {
  return function buildFpaToken(options: FpaTokenOptions): R {
    return run(() => {
      options = ownOptions(options, 'buildFpaToken');
      assertCredentials(options.appId, options.appCertificate);
      return optionsPipeline(options, expiresIn(options), [fpaService()]);
    });
  };
}
