import { describe, expect, test } from 'vitest';
import { applyPatch } from './patch';

const doc = { a: { 'x/y': 1, 'm~n': 2 }, list: [10, 20, 30] };

describe('applyPatch (RFC 6902 add, replace, remove)', () => {
  test('replace, add and remove on objects and arrays, in order, on a copy', () => {
    const r = applyPatch(doc, [
      { op: 'replace', path: '/a/x~1y', value: 5 },
      { op: 'remove', path: '/a/m~0n' },
      { op: 'add', path: '/a/new', value: { deep: [1] } },
      { op: 'add', path: '/list/1', value: 15 },
      { op: 'add', path: '/list/-', value: 40 },
      { op: 'remove', path: '/list/0' },
      { op: 'replace', path: '/list/0', value: 16 },
    ]);
    expect(r).toEqual({
      ok: true,
      value: { a: { 'x/y': 5, new: { deep: [1] } }, list: [16, 20, 30, 40] },
    });
    expect(doc).toEqual({ a: { 'x/y': 1, 'm~n': 2 }, list: [10, 20, 30] });
  });

  test('replace and remove need the target; add may append at the end only', () => {
    const err = (op: Parameters<typeof applyPatch>[1][number]) => {
      const r = applyPatch(doc, [{ op: 'replace', path: '/a/x~1y', value: 0 }, op]);
      return r.ok ? null : r.error;
    };
    expect(err({ op: 'replace', path: '/a/missing', value: 1 })).toEqual({
      op: 1,
      message: 'no field "missing" in "/a/missing"',
    });
    expect(err({ op: 'remove', path: '/list/3' })?.message).toBe('no element "3" in "/list/3"');
    expect(err({ op: 'add', path: '/list/4', value: 1 })?.message).toBe(
      'no element "4" in "/list/4"',
    );
    expect(err({ op: 'add', path: '/list/01', value: 1 })?.message).toBe(
      'no element "01" in "/list/01"',
    );
    expect(err({ op: 'add', path: '/nope/x', value: 1 })?.message).toBe(
      'no field "nope" in "/nope/x"',
    );
    expect(err({ op: 'add', path: '/a/x~1y/z', value: 1 })?.message).toMatch(/not an object/);
    expect(err({ op: 'remove', path: '' })?.message).toBe('cannot patch the whole document');
    expect(err({ op: 'add', path: '/list/3', value: 1 })).toBeNull();
  });
});
