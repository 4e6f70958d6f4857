/** @module core/frozen — exported lookup tables, frozen. */

/**
 * An exported lookup table frozen with every object in it. The library reads the same table
 * (decoders name services and privileges from SERVICE_TYPES, diagnose takes severities from
 * FINDING_CODES), so a caller's edit to what it took for a copy changed every later decode.
 */
export function frozen<T extends object>(table: T): T {
  for (const value of Object.values(table)) if (typeof value === 'object' && value !== null) frozen(value);
  return Object.freeze(table);
}
