import { describe, expect, it } from 'vitest';
import { isStoredValue, toStoredValue } from '../../server/store/json-value.js';

/** What the store promised before it copied values itself: a JSON round trip. */
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('toStoredValue', () => {
  it.each([
    [
      'undefined, functions and non-finite numbers',
      { a: 1, b: undefined, c: () => 1, d: [undefined, () => 1, NaN, -0, Infinity] },
    ],
    [
      'toJSON with its key, and Dates',
      { e: new Date(0), f: { toJSON: (key: string) => `key=${key}` } },
    ],
    ['boxed primitives', [new String('x'), new Number(3), new Boolean(false), null, 'z']],
    [
      'Maps, Sets and integer-like keys',
      { nested: { m: new Map([[1, 2]]), s: new Set([1]) }, 10: 'ten', 2: 'two' },
    ],
    ['a plain string', 'text'],
    ['null', null],
  ])('gives what a JSON round trip gives for %s', (_, value) => {
    const stored = toStoredValue(value);
    expect(stored).toStrictEqual(roundTrip(value));
    expect(JSON.stringify(stored)).toBe(JSON.stringify(value));
  });

  it('keeps a `__proto__` key as data, not as the prototype', () => {
    const stored = toStoredValue(JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as object);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(Object.keys(stored)).toEqual(['__proto__', 'y']);
    expect(JSON.stringify(stored)).toBe('{"__proto__":{"x":1},"y":2}');
  });

  it('deep-freezes the copy and leaves the input alone', () => {
    const input = { a: { b: [1, { c: 2 }] } };
    const stored = toStoredValue(input);
    expect(stored).not.toBe(input);
    expect(Object.isFrozen(stored.a.b[1])).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
  });

  it('shares the parts of an earlier stored value instead of copying them', () => {
    const first = toStoredValue({ calendar: { status: 'checking' }, directory: { upn: 'a@b' } });
    const second = toStoredValue({ ...first, calendar: { status: 'connected' } });
    expect(second.directory).toBe(first.directory);
    expect(second.calendar).not.toBe(first.calendar);
    expect(toStoredValue(second)).toBe(second);
    expect(isStoredValue(second)).toBe(true);
    expect(isStoredValue(Object.freeze({ a: 1 }))).toBe(false);
  });

  it.each([
    ['undefined', undefined],
    ['a function', () => 1],
    ['a toJSON giving undefined', { toJSON: () => undefined }],
    ['a BigInt', { n: 1n }],
  ])('refuses %s with a TypeError', (_, value) => {
    expect(() => toStoredValue(value)).toThrow(TypeError);
  });

  it('refuses a cycle with a TypeError', () => {
    const cyclic: { a: { b?: unknown } } = { a: {} };
    cyclic.a.b = cyclic;
    expect(() => toStoredValue(cyclic)).toThrow(TypeError);
  });
});
