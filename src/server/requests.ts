/**
 * @module server/requests — turns each endpoint's input (JSON body, path, query) into one
 * validated {@link TokenRequest}, keeping the defaults of the contract it comes from:
 * agora-token-service (`/getToken`, `/rtc`, `/rtm`, `/rte`, `/chat`), the Agora docs
 * (`/fetch_rtc_token`) and the Heroku sample (`/access_token`).
 */

import { ownFields } from '../core/assert.ts';
import { TIMESTAMP_THRESHOLD } from '../core/random.ts';
import { HttpError } from './respond.ts';
import { accountOf, channelOf, chatUserIdOf, type ExpiryPolicy, expiryOf, isAbsent, missing, roleOf, rtcIdentityOf, rtmUserIdOf, serviceRoleOf } from './params.ts';
import type { TokenEndpoint, TokenRequest } from './types.ts';

/** Everything a parser may read. `body` is set for POST requests. */
export interface RequestInput {
  endpoint: TokenEndpoint;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  policy: ExpiryPolicy;
  clientAddress: string | undefined;
  now: number;
}

type Fields = Omit<TokenRequest, 'endpoint' | 'clientAddress'>;

/** One query parameter; a repeated parameter is ambiguous and refused. */
function q(query: URLSearchParams, name: string): string | undefined {
  const all = query.getAll(name);
  if (all.length > 1) throw new HttpError(400, 'ERR_BAD_REQUEST', `${name}: given more than once`, { field: name });
  return all[0];
}

function own(body: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(body, name) ? body[name] : undefined;
}

/**
 * A field in any letter case, as the docs' Go server reads its JSON (encoding/json matches keys
 * case-insensitively, and the docs' Android client sends "ChannelName"). The same field twice with
 * different values is refused rather than one picked.
 */
function caseless(body: Record<string, unknown>, name: string): unknown {
  let found: unknown;
  for (const key of Object.keys(body)) {
    if (key.toLowerCase() !== name.toLowerCase()) continue;
    if (found !== undefined && found !== body[key]) throw new HttpError(400, 'ERR_BAD_REQUEST', `${name}: given twice, in different letter cases`, { field: name });
    found = body[key];
  }
  return found;
}

// POST /getToken { tokenType, channel, role, uid, expire } -> { token }. A uid that is not a
// number is a user account; an absent role is 'subscriber' (agora-token-service's default).
function getToken(input: RequestInput): Fields {
  const body = input.body ?? {};
  const tokenType = own(body, 'tokenType');
  const expiresInSeconds = expiryOf(own(body, 'expire'), 'expire', input.policy);
  if (tokenType === 'rtc') {
    const channel = channelOf(own(body, 'channel'), 'channel');
    const uid = rtcIdentityOf(own(body, 'uid'), 'uid', true);
    return { types: ['rtc'], channel, uid, role: serviceRoleOf(own(body, 'role'), 'role', false), expiresInSeconds };
  }
  if (tokenType === 'rtm') {
    // A channel makes it a stream-channel token (agora-token-service's GenRtmToken), whose RTC part
    // joins that channel: `channel` names it too, so an authorize that checks asked.channel sees it.
    const raw = own(body, 'channel');
    const rtmUserId = rtmUserIdOf(own(body, 'uid'), 'uid');
    if (isAbsent(raw)) return { types: ['rtm'], rtmUserId, expiresInSeconds };
    const channel = channelOf(raw, 'channel');
    // Its RTC part publishes data streams unless the role says subscriber, and authorize sees which.
    const role = isAbsent(own(body, 'role')) ? 'publisher' : serviceRoleOf(own(body, 'role'), 'role', false);
    return { types: ['rtm'], channel, role, rtmUserId, streamChannel: channel, expiresInSeconds };
  }
  if (tokenType === 'chat') {
    const uid = own(body, 'uid');
    if (isAbsent(uid)) return { types: ['chat-app'], expiresInSeconds };
    return { types: ['chat'], chatUserId: chatUserIdOf(uid, 'uid'), expiresInSeconds };
  }
  if (isAbsent(tokenType)) missing('tokenType');
  throw new HttpError(400, 'ERR_BAD_REQUEST', "tokenType: expected 'rtc', 'rtm' or 'chat'", { field: 'tokenType' });
}

function pathRtc(input: RequestInput): Pick<Fields, 'channel' | 'uid' | 'role'> {
  const { params } = input;
  const channel = channelOf(params['channelName'], 'channelName');
  const role = serviceRoleOf(params['role'], 'role', true);
  const tokenType = params['tokenType'];
  if (tokenType !== 'uid' && tokenType !== 'userAccount') {
    throw new HttpError(400, 'ERR_BAD_REQUEST', "tokenType: expected 'uid' or 'userAccount'", { field: 'tokenType' });
  }
  const uid = tokenType === 'uid' ? rtcIdentityOf(params['rtcuid'], 'rtcuid', false) : accountOf(params['rtcuid'], 'rtcuid', 255);
  return { channel, uid, role };
}

/**
 * The query parameters whose lower-cased name is one of `fields`, each under its own spelling, in
 * one pass (a key seen twice holds null, and q names it): a getAll per key was quadratic, as
 * "channelname" alone has 2,048 letter-case spellings.
 */
function queryFields(query: URLSearchParams, fields: readonly string[]): Record<string, string | undefined> {
  const found = new Map<string, string | null>();
  for (const [k, v] of query) if (fields.includes(k.toLowerCase())) found.set(k, found.has(k) ? null : v);
  return Object.fromEntries([...found].map(([k, v]) => [k, v ?? q(query, k)]));
}

const PARSERS: Record<TokenEndpoint, (input: RequestInput) => Fields> = {
  getToken,
  rtc: (input) => ({ types: ['rtc'], ...pathRtc(input), expiresInSeconds: expiryOf(q(input.query, 'expiry'), 'expiry', input.policy, true) }),
  rtm: (input) => ({ types: ['rtm'], rtmUserId: rtmUserIdOf(input.params['rtmuid'], 'rtmuid'), expiresInSeconds: expiryOf(q(input.query, 'expiry'), 'expiry', input.policy, true) }),
  // rtmuid defaults to the RTC uid, except for uid 0 (any uid), which names nobody.
  rte: (input) => {
    const rtc = pathRtc(input);
    const rtmRaw = input.params['rtmuid'] ?? (rtc.uid === 0 ? undefined : String(rtc.uid));
    const rtmUserId = rtmUserIdOf(rtmRaw, 'rtmuid');
    // The RTM token carries the channel as its stream channel, as agora-token-service builds it.
    return { types: ['rtc', 'rtm'], ...rtc, rtmUserId, streamChannel: rtc.channel, expiresInSeconds: expiryOf(q(input.query, 'expiry'), 'expiry', input.policy, true) };
  },
  chat: (input) => {
    const expiresInSeconds = expiryOf(q(input.query, 'expiry'), 'expiry', input.policy, true);
    const id = input.params['chatid'];
    return id === undefined ? { types: ['chat-app'], expiresInSeconds } : { types: ['chat'], chatUserId: chatUserIdOf(id, 'chatid'), expiresInSeconds };
  },
  // The docs' clients send { uid, channelName } (uid a number or its string) and read { code, token }.
  // GET reads the query string. Role defaults to publisher, as in the docs' builder reference.
  fetch_rtc_token: (input) => {
    // A GET's fields, from the query string (or a GET body the node adapter moved there), in any letter case too.
    const fields = ['uid', 'channelname', 'role', 'expire'];
    const src = input.body ?? queryFields(input.query, fields);
    const channel = channelOf(caseless(src, 'channelName'), 'channelName');
    const uid = rtcIdentityOf(caseless(src, 'uid'), 'uid', false);
    // The docs' server takes the 006-era roles too: attendee (0) and admin (101) publish.
    const role = caseless(src, 'role');
    return {
      types: ['rtc'],
      channel,
      uid,
      role: role === 0 || role === 101 || (input.body === undefined && (role === '0' || role === '101')) ? 'publisher' : roleOf(role, 'role', 'publisher', input.body === undefined),
      expiresInSeconds: expiryOf(caseless(src, 'expire'), 'expire', input.policy, input.body === undefined),
    };
  },
  // The Heroku sample: ?channel=&uid= (uid absent = 0) and expiredTs, an absolute Unix time (0 = default).
  // It granted join only, so the default role is subscriber.
  access_token: (input) => {
    const channel = channelOf(q(input.query, 'channel'), 'channel');
    const rawUid = q(input.query, 'uid');
    const uid = isAbsent(rawUid) ? 0 : rtcIdentityOf(rawUid, 'uid', false);
    const role = roleOf(q(input.query, 'role'), 'role', 'subscriber');
    const expiredTs = q(input.query, 'expiredTs');
    let expiresInSeconds: number;
    if (!isAbsent(expiredTs) && expiredTs !== '0') {
      const at = expiryOf(expiredTs, 'expiredTs', { defaultSeconds: 0, maxSeconds: 0xffffffff }, true);
      // A duration here (the 007 habit) is always in the past: the clock is at least TIMESTAMP_THRESHOLD (handler's now check).
      if (at <= input.now) {
        throw new HttpError(400, 'ERR_INVALID_EXPIRE', `expiredTs: must be in the future${at < TIMESTAMP_THRESHOLD ? `; ${at} looks like a duration: expiredTs is an absolute Unix time (for seconds from now, use expiry)` : ''}`, { field: 'expiredTs' });
      }
      expiresInSeconds = expiryOf(at - input.now, 'expiredTs', input.policy);
    } else {
      expiresInSeconds = expiryOf(q(input.query, 'expiry'), 'expiry', input.policy, true);
    }
    return { types: ['rtc'], channel, uid, role, expiresInSeconds };
  },
};

/** Validates an endpoint's input into a TokenRequest; throws a 400 naming the first bad field. */
export function parseTokenRequest(input: RequestInput): TokenRequest {
  const fields = PARSERS[input.endpoint](input);
  // No prototype: an absent field (streamChannel, role) reads undefined, never a polluted Object.prototype's.
  return ownFields({ endpoint: input.endpoint, ...fields, clientAddress: input.clientAddress });
}
