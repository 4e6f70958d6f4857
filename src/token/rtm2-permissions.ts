/**
 * @module token/rtm2-permissions — the RTM2 permission tree (SPEC 2.5), same API as the official
 * `Rtm2Permissions`: `details[resourceType][permissionType] = resources`.
 */

import { assertAccount, assertU16 } from '../core/assert.ts';
import type { ByteReader } from '../core/reader.ts';
import type { ByteWriter } from '../core/writer.ts';
import { AgoraTokenError } from '../errors.ts';

/** RTM2 resource and permission lists. */
export class Rtm2Permissions {
  /** Resource type 0: message channels. */
  static readonly kMessageChannels = 0;
  /** Resource type 1: stream channels. */
  static readonly kStreamChannels = 1;
  /** Resource type 2: group channels. */
  static readonly kGroupChannels = 2;
  /** Resource type 3: server groups. */
  static readonly kServerGroups = 3;
  /** Resource type 4: users. */
  static readonly kUsers = 4;
  /** Permission type 0: read. */
  static readonly kRead = 0;
  /** Permission type 1: write. */
  static readonly kWrite = 1;

  /** resourceType -> permissionType -> resource names (in given order). */
  details: Record<number, Record<number, string[]>> = {};

  /**
   * Grants `permissionType` on `resources` of `resourceType`; a later call for the same pair replaces the list.
   * Both types may be any u16: values other than the named constants are packed as given, as the
   * official class does (types Agora may add later).
   * @example
   * ```ts
   * new Rtm2Permissions().add(Rtm2Permissions.kMessageChannels, Rtm2Permissions.kRead, ['lobby']);
   * ```
   */
  add(resourceType: number, permissionType: number, resources: Iterable<string>): this {
    assertU16(resourceType, 'resourceType');
    assertU16(permissionType, 'permissionType');
    // The list is checked before the tree is touched: a refused call must not leave an empty
    // resource type behind, which the next build would pack.
    const list = resourceList(resources, 'resources');
    (this.details[resourceType] ??= {})[permissionType] = list;
    return this;
  }

  /**
   * Packs the tree, keys ascending, names in their order. `details` is a public field, as in the
   * official class, so what code wrote there directly is checked here.
   */
  pack(w: ByteWriter): void {
    const types = sortedKeys(this.details, 'details');
    w.uint16(types.length);
    for (const rt of types) {
      const perms = this.details[rt]!;
      const permTypes = sortedKeys(perms, `details[${rt}]`);
      w.uint16(rt).uint16(permTypes.length);
      for (const pt of permTypes) {
        const names = resourceList(perms[pt]!, `details[${rt}][${pt}]`);
        w.uint16(pt).uint16(names.length);
        for (const name of names) w.string(name);
      }
    }
  }

  /** Reads a packed tree. */
  static unpack(r: ByteReader): Rtm2Permissions {
    const out = new Rtm2Permissions();
    const typeCount = r.uint16('rtm2.resourceTypeCount');
    for (let i = 0; i < typeCount; i++) {
      const rt = r.uint16('rtm2.resourceType');
      const permCount = r.uint16('rtm2.permissionTypeCount');
      const perms: Record<number, string[]> = (out.details[rt] ??= {});
      for (let j = 0; j < permCount; j++) {
        const pt = r.uint16('rtm2.permissionType');
        const n = r.uint16('rtm2.resourceCount');
        const names: string[] = [];
        for (let k = 0; k < n; k++) names.push(r.string('rtm2.resource'));
        perms[pt] = names;
      }
    }
    return out;
  }
}

/**
 * Resource names as a checked array. Any iterable, as the official `add` takes (`Array.from`):
 * an array or a Set; but not a string, which the official class would split into characters.
 */
function resourceList(resources: Iterable<string>, field: string): string[] {
  if (typeof resources !== 'object' || resources === null || typeof resources[Symbol.iterator] !== 'function') {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${field}: expected an array (or another iterable) of strings`, { field });
  }
  return Array.from(resources, (r, i) => assertAccount(r, `${field}[${i}]`, 0xffff, 'ERR_INVALID_ARGUMENT'));
}

/**
 * The keys of one level of the tree, ascending, each checked to be a u16 as it will be packed
 * (the official class throws a RangeError from Buffer past 65535; a bare `& 0xffff` would pack
 * 99999 as 34463), and the level itself checked to be an object (a plain TypeError otherwise).
 */
function sortedKeys(level: unknown, field: string): number[] {
  if (typeof level !== 'object' || level === null) {
    throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${field}: expected an object keyed by type numbers`, { field });
  }
  return Object.keys(level)
    .map((key) => {
      const n = Number(key);
      if (!/^(0|[1-9]\d{0,4})$/.test(key) || n > 0xffff) {
        throw new AgoraTokenError('ERR_INVALID_ARGUMENT', `${field}: key ${JSON.stringify(key.slice(0, 16))} is not a type number in 0..65535`, { field });
      }
      return n;
    })
    .sort((a, b) => a - b);
}
