/**
 * Routing without a broker: the topic rule against an independent regular-expression oracle,
 * the cases the curriculum names, and the swapped rule of note 001 shown to differ.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headersMatch, route, topicMatches, topology, xMatchError } from './routing';

/** Oracle: a binding key as a regular expression over the dotted routing key. */
function oracle(binding: string, key: string): boolean {
  const bw = binding === '' ? [] : binding.split('.');
  const kw = key === '' ? [] : key.split('.');
  // Words are encoded as "<word>/" so empty words and zero-word keys stay distinct.
  const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = bw
    .map((w) => (w === '#' ? '(?:[^/]*/)*' : w === '*' ? '[^/]*/' : `${esc(w)}/`))
    .join('');
  return new RegExp(`^${re}$`).test(kw.map((w) => `${w}/`).join(''));
}

const word = fc.constantFrom('a', 'b', 'c', '');
const key = fc.array(word, { maxLength: 5 }).map((w) => w.join('.'));
const bkey = fc
  .array(fc.constantFrom('a', 'b', '', '*', '#'), { maxLength: 5 })
  .map((w) => w.join('.'));

describe('topic routing', () => {
  it('matches the regular-expression oracle on random keys, empty words included', () => {
    fc.assert(
      fc.property(bkey, key, (b, k) => topicMatches(b, k) === oracle(b, k)),
      { numRuns: 3000, seed: 1 },
    );
  });

  it('* is exactly one word, # is zero or more (the rule note 001 swaps)', () => {
    expect(topicMatches('order.*', 'order.created')).toBe(true);
    expect(topicMatches('order.*', 'order')).toBe(false);
    expect(topicMatches('order.*', 'order.created.eu')).toBe(false);
    expect(topicMatches('order.#', 'order')).toBe(true);
    expect(topicMatches('order.#', 'order.created.eu')).toBe(true);
    expect(topicMatches('#', '')).toBe(true);
    expect(topicMatches('#.#', 'a')).toBe(true);
    expect(topicMatches('a.#.b', 'a.b')).toBe(true);
    expect(topicMatches('a.#.b', 'a.x.y.b')).toBe(true);
    expect(topicMatches('*', '')).toBe(false);
    expect(topicMatches('a.*.b', 'a..b')).toBe(true);
    expect(topicMatches('*.*', 'a.')).toBe(true);
    // With the two wildcards swapped, as in the note, the answers differ:
    expect(topicMatches('order.#', 'order')).not.toBe(topicMatches('order.*', 'order'));
  });

  it('alternate exchange only when the exchange itself has no destination; e2e cycles end', () => {
    const t = topology(
      [
        { name: 'x', type: 'direct', alternateExchange: 'ae' },
        { name: 'ae', type: 'fanout' },
        { name: 'y', type: 'fanout' },
      ],
      [
        { source: 'x', destination: 'q1', destinationType: 'queue', routingKey: 'k' },
        { source: 'ae', destination: 'q2', destinationType: 'queue', routingKey: '' },
        { source: 'x', destination: 'y', destinationType: 'exchange', routingKey: 'e' },
        { source: 'y', destination: 'x', destinationType: 'exchange', routingKey: '' },
      ],
      ['q1', 'q2'],
    );
    expect(route(t, 'x', 'k').queues).toEqual(['q1']);
    expect(route(t, 'x', 'none').queues).toEqual(['q2']);
    // x -> y -> x: y routes back to x (already seen); x had a destination, so no AE.
    expect(route(t, 'x', 'e').queues).toEqual([]);
    expect(route(t, 'missing', 'k').notFound).toBe(true);
    expect(route(t, '', 'q1').queues).toEqual(['q1']);
  });

  it('headers: x-match all/any, x- keys ignored, null means present', () => {
    expect(headersMatch({}, {})).toBe(true);
    expect(headersMatch({ 'x-match': 'any' }, { a: '1' })).toBe(false);
    expect(headersMatch({ a: '1', b: '2' }, { a: '1' })).toBe(false);
    expect(headersMatch({ 'x-match': 'any', a: '1', b: '2' }, { a: '1' })).toBe(true);
    expect(headersMatch({ 'x-extra': 'z' }, {})).toBe(true);
    expect(headersMatch({ a: null }, { a: 'anything' })).toBe(true);
  });

  it('headers: the -with-x kinds match x- keys (never x-match itself); values match by type class', () => {
    expect(headersMatch({ 'x-match': 'all-with-x', 'x-k': 'v' }, {})).toBe(false);
    expect(headersMatch({ 'x-match': 'all-with-x', 'x-k': 'v' }, { 'x-k': 'v' })).toBe(true);
    expect(headersMatch({ 'x-match': 'all', 'x-k': 'v' }, {})).toBe(true);
    expect(headersMatch({ 'x-match': 'any-with-x' }, { 'x-match': 'any-with-x' })).toBe(false);
    expect(headersMatch({ a: 1 }, { a: '1' })).toBe(false);
    expect(headersMatch({ a: 1 }, { a: 1 })).toBe(true);
    expect(headersMatch({ a: 1.5 }, { a: 1.5 })).toBe(true);
    expect(headersMatch({ a: true }, { a: 1 })).toBe(false);
    expect(headersMatch({ a: [1, 'b'] }, { a: [1, 'b'] })).toBe(true);
    expect(headersMatch({ a: [1, 'b'] }, { a: ['b', 1] })).toBe(false);
    expect(headersMatch({ a: [1] }, { a: 1 })).toBe(false);
    expect(headersMatch({ a: 'x' }, { a: null })).toBe(false);
    expect(xMatchError({ 'x-match': 'any-with-x' })).toBeUndefined();
    expect(xMatchError({ 'x-match': 'ANY' })).toMatch(/invalid x-match/);
    expect(xMatchError({ 'x-match': null })).toMatch(/string/);
  });
});
