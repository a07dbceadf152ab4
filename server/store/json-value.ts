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
 * Marks objects made by `toStoredValue` (or frozen as read from disk): deep-frozen and plain JSON,
 * so a later copy may share them instead of copying them again. Sharing is what keeps 50,000
 * members one copy in memory: a record changed in one field reuses every unchanged part of the
 * old one. The mark is a non-enumerable symbol property: invisible to JSON, `Object.keys`, spread
 * and equality, and cheaper than a WeakSet of hundreds of thousands of objects.
 */
const STORED = Symbol('stored value');

/** One frozen empty array for every stored `[]` (most members have several). */
const EMPTY_ARRAY: readonly unknown[] = seal([]);

function seal<T extends object>(value: T): T {
  if (Object.isExtensible(value)) Object.defineProperty(value, STORED, { value: true });
  return Object.freeze(value);
}

function isStored(value: object): boolean {
  return (value as { [STORED]?: boolean })[STORED] === true;
}

/**
 * Returns a deep-frozen copy of `value` as it will read back from disk: `undefined`, functions and
 * class identity are dropped now rather than after the next restart — what `JSON.parse(
 * JSON.stringify(value))` gives, without the string in between. Strings and parts that are
 * already stored values are shared, not copied.
 */
export function toStoredValue<T>(value: T): T {
  const stored = copy(value, '', new Set());
  if (stored === undefined) throw new TypeError('store values must be JSON-serializable');
  return stored as T;
}

/** Whether `value` is a stored value (see `STORED`). */
export function isStoredValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null && isStored(value);
}

/** `JSON.stringify`'s rules for one value (`undefined` = left out), building the copy directly. */
function copy(input: unknown, key: string, ancestors: Set<object>): unknown {
  let value = input;
  if (typeof value === 'object' && value !== null) {
    if (isStored(value)) return value;
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = (toJSON as (key: string) => unknown).call(value, key);
    if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      value = value.valueOf();
    }
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON has no NaN, Infinity or -0.
      return Number.isFinite(value) ? value + 0 : null;
    case 'bigint':
      throw new TypeError('store values must be JSON-serializable (BigInt)');
    case 'object':
      return value === null ? null : copyObject(value, ancestors);
    default:
      return undefined;
  }
}

function copyObject(value: object, ancestors: Set<object>): object {
  if (isStored(value)) return value;
  if (Array.isArray(value) && value.length === 0) return EMPTY_ARRAY;
  if (ancestors.has(value)) throw new TypeError('store values must be JSON-serializable (cycle)');
  ancestors.add(value);
  let out: unknown[] | Record<string, unknown>;
  if (Array.isArray(value)) {
    out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = copy(value[i], String(i), ancestors);
      out[i] = item === undefined ? null : item;
    }
  } else {
    out = {};
    const source = value as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      const item = copy(source[key], key, ancestors);
      if (item === undefined) continue;
      // `__proto__` is data in JSON, not the prototype.
      if (key === '__proto__') {
        Object.defineProperty(out, key, {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else out[key] = item;
    }
  }
  ancestors.delete(value);
  return seal(out);
}

/** Freezes a value parsed from JSON and records it (and every part of it) as a stored value. */
export function markStored<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !isStored(value)) {
    for (const child of Object.values(value)) markStored(child);
    seal(value);
  }
  return value;
}

/** Freezes a value parsed from JSON (kept for callers that only need the freeze). */
export function deepFreeze<T>(value: T): T {
  return markStored(value);
}
