import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, positionOf } from './jsonPosition';

describe('where JSON text breaks', () => {
  it('finds no error in any JSON the browser writes, and one wherever JSON.parse refuses', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.string({ maxLength: 3 }), (v, at, junk) => {
        const text = JSON.stringify(v, null, 2);
        expect(jsonErrorOffset(text)).toBeNull();
        // Splice junk in somewhere: exactly the texts JSON.parse refuses have an error offset.
        const k = at % (text.length + 1);
        const t = text.slice(0, k) + junk + text.slice(k);
        let parses = true;
        try {
          JSON.parse(t);
        } catch {
          parses = false;
        }
        expect(jsonErrorOffset(t) === null).toBe(parses);
      }),
      { numRuns: 400 },
    );
  });

  it('names the line and column of a missing comma and of a trailing one', () => {
    const missing = '{\n  "a": 1\n  "b": 2\n}';
    expect(positionOf(missing, jsonErrorOffset(missing) ?? -1)).toEqual({ line: 3, column: 3 });
    const trailing = '{\n  "a": [1, 2,],\n  "b": 2\n}';
    expect(positionOf(trailing, jsonErrorOffset(trailing) ?? -1)).toEqual({ line: 2, column: 14 });
    const cut = '{"a": tru}';
    expect(positionOf(cut, jsonErrorOffset(cut) ?? -1)).toEqual({ line: 1, column: 10 });
  });
});
