/**
 * @module server/routes — the route table (agora-token-service paths, the docs' and the Heroku
 * sample's) and a matcher over raw path segments. Like Gin, literals are case-sensitive; a
 * trailing slash is optional (Gin redirects, we just answer).
 */

import type { TokenEndpoint } from './types.ts';
import { HttpError } from './respond.ts';

/** A route the server answers. `ping` is the health check. */
export type RouteName = TokenEndpoint | 'ping';

interface Route {
  readonly name: RouteName;
  /** Literal segments, or `:name` for a parameter. */
  readonly segments: readonly string[];
  readonly methods: readonly string[];
}

const GET = ['GET'] as const;
const ROUTES: readonly Route[] = [
  { name: 'ping', segments: ['ping'], methods: ['GET', 'HEAD'] },
  { name: 'getToken', segments: ['getToken'], methods: ['POST'] },
  { name: 'rtc', segments: ['rtc', ':channelName', ':role', ':tokenType', ':rtcuid'], methods: GET },
  { name: 'rtm', segments: ['rtm', ':rtmuid'], methods: GET },
  { name: 'rte', segments: ['rte', ':channelName', ':role', ':tokenType', ':rtcuid'], methods: GET },
  { name: 'rte', segments: ['rte', ':channelName', ':role', ':tokenType', ':rtcuid', ':rtmuid'], methods: GET },
  { name: 'chat', segments: ['chat', 'app'], methods: GET },
  { name: 'chat', segments: ['chat', 'account', ':chatid'], methods: GET },
  { name: 'fetch_rtc_token', segments: ['fetch_rtc_token'], methods: ['GET', 'POST'] },
  { name: 'access_token', segments: ['access_token'], methods: GET },
];

/** A matched route with its decoded path parameters. */
export interface RouteMatch {
  readonly name: RouteName;
  readonly methods: readonly string[];
  readonly params: Readonly<Record<string, string>>;
}

/** Splits a path below the base path into raw segments; undefined when it is not below it. */
export function relativeSegments(pathname: string, basePath: string): string[] | undefined {
  if (basePath !== '') {
    if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;
    pathname = pathname.slice(basePath.length);
  }
  if (!pathname.startsWith('/')) return undefined;
  const body = pathname.endsWith('/') ? pathname.slice(1, -1) : pathname.slice(1);
  return body === '' ? [] : body.split('/');
}

function decodeSegment(raw: string, name: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'ERR_BAD_REQUEST', `${name}: malformed percent-encoding in the path`, { field: name });
  }
}

/** Finds the route for raw path segments, decoding its parameters; undefined for an unknown path. */
export function matchRoute(segments: readonly string[]): RouteMatch | undefined {
  for (const route of ROUTES) {
    if (route.segments.length !== segments.length) continue;
    if (!route.segments.every((s, i) => s.startsWith(':') ? segments[i] !== '' : s === segments[i])) continue;
    const params: Record<string, string> = Object.create(null); // an absent parameter reads undefined, never inherited
    route.segments.forEach((s, i) => {
      if (s.startsWith(':')) params[s.slice(1)] = decodeSegment(segments[i] ?? '', s.slice(1));
    });
    return { name: route.name, methods: route.methods, params };
  }
  return undefined;
}
