import { constants, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inflateRaw } from './inflate';

async function compressionStream(bytes: Uint8Array): Promise<Uint8Array> {
  const cs = new CompressionStream('deflate-raw');
  const w = cs.writable.getWriter();
  void w.write(bytes as Uint8Array<ArrayBuffer>).then(() => w.close());
  return new Uint8Array(await new Response(cs.readable).arrayBuffer());
}

// Text-like data compresses with back-references and dynamic codes; random bytes give stored and
// literal-heavy blocks.
const data = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc
    .array(fc.constantFrom('{"a":', '1,', '"orders"', 'broker-', ' ', '}', '\n', 'x'), {
      maxLength: 2000,
    })
    .map((xs) => new TextEncoder().encode(xs.join(''))),
);

describe('raw DEFLATE decoder', () => {
  it('decodes what zlib produces at every level and strategy, and says where the stream ends', () => {
    fc.assert(
      fc.property(
        data,
        fc.constantFrom(0, 1, 6, 9),
        fc.constantFrom(constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY),
        (bytes, level, strategy) => {
          const packed = new Uint8Array(deflateRawSync(bytes, { level, strategy }));
          const r = inflateRaw(packed, 1_000_000);
          expect(r.ok).toBe(true);
          if (r.ok) {
            expect(r.bytes).toEqual(bytes);
            expect(r.used).toBe(packed.length);
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('decodes what the browser CompressionStream produces (how links are made)', async () => {
    await fc.assert(
      fc.asyncProperty(data, async (bytes) => {
        const packed = await compressionStream(bytes);
        const r = inflateRaw(packed, 1_000_000);
        expect(r.ok && r.bytes).toEqual(bytes);
      }),
      { numRuns: 100, seed: 8 },
    );
  });

  it('stops at the output cap and reports bytes after the end of the stream', () => {
    const bomb = new Uint8Array(deflateRawSync(new Uint8Array(5_000_000)));
    expect(inflateRaw(bomb, 1_000_000)).toEqual({ ok: false, kind: 'too-large' });
    const packed = new Uint8Array(deflateRawSync(new TextEncoder().encode('{"version":1}')));
    const trailing = new Uint8Array([...packed, 0, 1, 2]);
    const r = inflateRaw(trailing, 1000);
    expect(r.ok && r.used).toBe(packed.length);
  });

  it('never throws on random bytes, and always ends quickly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const t0 = performance.now();
        const r = inflateRaw(bytes, 1_000_000);
        expect(typeof r.ok).toBe('boolean');
        expect(performance.now() - t0).toBeLessThan(1000);
      }),
      { numRuns: 2000, seed: 9 },
    );
  });
});
