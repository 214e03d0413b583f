import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './load';
import { compilePattern } from './pattern';

const compiled = (src: string) => {
  const r = compilePattern(src);
  if (!r.ok) throw new Error(`${src}: ${r.message}`);
  return r.pattern;
};

/** Random patterns of the subset, built from a grammar so every one is valid JS too. */
const ALPHABET = ['a', 'b', 'c', '.', '-', '_', '1'];
const literal = fc.constantFrom('a', 'b', 'c', '1', '\\.', '\\-', '_', '-');
const atom = fc.oneof(
  { weight: 4, arbitrary: literal },
  { weight: 1, arbitrary: fc.constant('.') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('\\d', '\\w', '\\W', '[abc]', '[a-b1]', '[^a.]', '[-_]'),
  },
);
const quantified = fc.tuple(atom, fc.constantFrom('', '', '*', '+', '?')).map(([a, q]) => a + q);
const plainSeq = fc.array(quantified, { maxLength: 4 }).map((xs) => xs.join(''));
// A group holds alternatives without quantifiers inside it, so the group itself may be quantified.
const group = fc
  .tuple(
    fc.array(
      fc.array(atom, { maxLength: 3 }).map((x) => x.join('')),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    fc.constantFrom('', '*', '+', '?'),
    fc.boolean(),
  )
  .map(([alts, q, nc]) => `(${nc ? '?:' : ''}${alts.join('|')})${q}`);
const piece = fc.oneof({ weight: 3, arbitrary: plainSeq }, { weight: 1, arbitrary: group });
const safePattern = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.array(piece, { minLength: 1, maxLength: 3 }).map((x) => x.join('')),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    fc.boolean(),
  )
  .map(([bol, alts, eol]) => `${bol ? '^' : ''}${alts.join('|')}${eol ? '$' : ''}`);
const name = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((xs) => xs.join(''));

describe('policy pattern matcher (linear-time subset)', () => {
  it('agrees with JavaScript RegExp on random patterns of the subset', () => {
    fc.assert(
      fc.property(safePattern, fc.array(name, { minLength: 1, maxLength: 8 }), (src, names) => {
        const mine = compiled(src);
        const js = new RegExp(src);
        for (const n of names) expect(mine.test(n), `${src} on "${n}"`).toBe(js.test(n));
      }),
      { numRuns: 2000, seed: 20261207 },
    );
  });

  it('matches the patterns people write in policies like RabbitMQ does', () => {
    expect(compiled('^orders$').test('orders')).toBe(true);
    expect(compiled('^orders$').test('orders.eu')).toBe(false);
    expect(compiled('.*').test('')).toBe(true);
    expect(compiled('^ha\\.').test('ha.q1')).toBe(true);
    expect(compiled('^ha\\.').test('haxq1')).toBe(false);
    // Unanchored: a search, as re:run and RegExp.test.
    expect(compiled('rder').test('orders')).toBe(true);
    expect(compiled('^(q0|q2|none)$').test('q2')).toBe(true);
    expect(compiled('^(q0|q2|none)$').test('q1')).toBe(false);
    expect(compiled('^[a-z]+-[0-9]?$').test('orders-')).toBe(true);
  });

  it.each([
    ['^(a+)+$', /nested quantifiers/],
    ['(a*b?)*', /nested quantifiers/],
    ['a{2,5}', /counted repetition/],
    ['a*?', /lazy, possessive or repeated/],
    ['(?=a)', /look-around/],
    ['\\1', /not supported/],
    ['\\bword', /not supported/],
    ['*a', /nothing to repeat/],
    ['(ab', /unclosed/],
    ['ab)', /unmatched/],
    ['[ab', /unclosed/],
    ['[z-a]', /out of order/],
    ['^*', /after an anchor/],
  ])('rejects %s outside the subset, saying why', (src, why) => {
    const r = compilePattern(src);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(why);
  });

  it('runs in linear time where a backtracking engine explodes', () => {
    // Against 30 a's and a "-", RegExp takes 2^30 steps on these; the NFA takes a few per character,
    // so even 100,000 characters are quick.
    for (const src of ['^(a|a)*$', '^(a|aa)+$', '^(?:a|ab)+$']) {
      const p = compiled(src);
      const t0 = performance.now();
      expect(p.test(`${'a'.repeat(100_000)}-`)).toBe(false);
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });

  it('refuses the ReDoS repro at validation, quickly, naming the field and the subset', () => {
    const doc: unknown = JSON.parse(
      readFileSync(
        new URL('./fixtures/fuzz-repros/min-redos-policy-pattern.json', import.meta.url),
        'utf8',
      ),
    );
    const t0 = performance.now();
    const r = parseScenario(doc);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === 'invalid') {
      const issue = r.error.issues.find((i) => i.path === 'policies.0.pattern');
      expect(issue?.message).toMatch(/nested quantifiers/);
      expect(issue?.message).toMatch(/supported:/);
    } else throw new Error('expected an invalid-scenario error');
  });
});
