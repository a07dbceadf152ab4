// Helpers that keep stored values plain JSON: copied in, frozen, and kept in prototype-free maps.

/** A string-keyed map with no prototype, so keys like `__proto__` are ordinary keys. */
export type Dict<T> = Record<string, T>;

export function dict<T>(from?: Dict<T>): Dict<T> {
  return Object.assign(Object.create(null) as Dict<T>, from);
}

export function hasKey(map: Dict<unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, key);
}

/**
 * Returns a deep-frozen copy of `value` as it will read back from disk: a JSON round trip drops
 * `undefined`, functions and class identity now rather than after the next restart.
 */
export function toStoredValue<T>(value: T): T {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('store values must be JSON-serializable');
  return deepFreeze(JSON.parse(json) as T);
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
