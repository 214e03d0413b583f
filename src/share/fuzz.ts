/**
 * Hostile inputs for the share decoder and the scenario validator, and the checks every one must
 * pass. Used by the seeded fuzz test (`fuzz.test.ts`, a few thousand inputs per run) and by
 * `npm run fuzz -- --count N` (which also runs a sample of the accepted scenarios).
 *
 * The inputs start from the presets (so most of them get deep into validation) and mutate them the
 * ways issue 10's attack found: zero, tiny and huge intervals, rates and counts; a day-long run;
 * catastrophic regular expressions; prototype-pollution keys; deep nesting; wrong types; many
 * clients; then encode them as files or links, some with damaged bytes, bytes after the end of the
 * compressed data, or over the size limit. Generation is deterministic for a seed.
 */
import { Rng } from '../engine/kernel/prng';
import { estimateWork, MAX_EVENTS, MAX_MESSAGES } from '../scenario/budget';
import type { Result } from '../scenario/load';
import type { Scenario } from '../scenario/schema';
import {
  decodeJsonText,
  decodeShareFragmentNow,
  MAX_LINK_CHARS,
  SHARE_CODEC_VERSION,
  toBase64Url,
  type ShareError,
} from './codec';

/** One hostile input: a file's text or a link fragment. */
export interface FuzzInput {
  kind: 'file' | 'link';
  text: string;
  /** The mutations that made it, for a report. */
  note: string;
}

const EXTREME_NUMBERS = [
  0,
  -0,
  -1,
  1,
  5e-324,
  1e-9,
  0.001,
  0.5,
  999,
  1000,
  65535,
  1e6,
  1e7,
  1e9,
  1e10,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  1e308,
  -1e308,
];
const HOSTILE_PATTERNS = [
  '^(a+)+$',
  '(a|a)*b',
  '^(a|aa)+$',
  '(.*a){20}',
  '(?=a)a',
  '\\1',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  'a{1,100000}',
  '[',
  '(',
  '.*.*.*.*.*.*.*.*=',
  '^orders$',
  '.*',
  '^(q1|q2)$',
];
const WRONG_TYPES: unknown[] = ['x', null, [], {}, true, '1e9', ''];
const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'];

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container;
  key: string | number;
  value: unknown;
}

function slots(doc: unknown): Slot[] {
  const out: Slot[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 12 || typeof v !== 'object' || v === null) return;
    const entries: [string | number, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.entries(v);
    for (const [key, value] of entries) {
      out.push({ parent: v as Container, key, value });
      walk(value, depth + 1);
    }
  };
  walk(doc, 0);
  return out;
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(0, xs.length - 1)] as T;
}

function set(s: Slot, value: unknown): void {
  (s.parent as Record<string | number, unknown>)[s.key] = value;
}

const isInterval = (key: string | number): boolean =>
  typeof key === 'string' && (/Ms$/.test(key) || /\.ms$/.test(key));

/** Applies one random mutation to the document in place; returns what it did. */
function mutate(rng: Rng, doc: Record<string, unknown>): string {
  const all = slots(doc);
  const numbers = all.filter((s) => typeof s.value === 'number');
  const arrays = all.filter((s) => Array.isArray(s.value) && (s.value as unknown[]).length > 0);
  switch (rng.int(0, 9)) {
    case 0:
    case 1: {
      // Any number to an extreme value, or a scaled one.
      const s = numbers.length > 0 ? pick(rng, numbers) : null;
      if (!s) return 'none';
      const v = rng.chance(0.7)
        ? pick(rng, EXTREME_NUMBERS)
        : (s.value as number) * pick(rng, [1000, 1e6, 0.001, -1]);
      set(s, v);
      return `${String(s.key)}=${v}`;
    }
    case 2: {
      // An interval to zero or a sliver of a millisecond: the event storms of issue 10.
      const iv = numbers.filter(
        (s) => isInterval(s.key) && s.key !== 'startMs' && s.key !== 'atMs',
      );
      const s = iv.length > 0 ? pick(rng, iv) : null;
      if (!s) return 'none';
      const v = pick(rng, [0, 5e-324, 1e-6, 0.001, 1]);
      set(s, v);
      return `${String(s.key)}=${v}`;
    }
    case 3: {
      // Long runs and big workloads.
      doc['durationMs'] = pick(rng, [86_400_000, 3_600_000, 86_400_001]);
      const clients: unknown = doc['producers'] ?? doc['publishers'];
      for (const p of Array.isArray(clients) ? (clients as unknown[]) : []) {
        if (typeof p !== 'object' || p === null) continue;
        const c = p as Record<string, unknown>;
        c['messages'] = pick(rng, [10_000_000, 1e8, 1e10]);
        c['ratePerSec'] = pick(rng, [1e5, 1e6, 1e7]);
      }
      return 'long-and-big';
    }
    case 4: {
      // Many clients: copies of the first with new ids.
      const key = pick(rng, ['producers', 'publishers', 'consumers']);
      const list = doc[key];
      if (!Array.isArray(list) || list.length === 0) return 'none';
      const n = pick(rng, [20, 100, 101, 300]);
      const first = list[0] as Record<string, unknown>;
      doc[key] = Array.from({ length: n }, (_, i) => ({ ...first, id: `z${i}` }));
      return `${key}x${n}`;
    }
    case 5: {
      // A regular expression where one is matched against user text.
      const policy = {
        name: 'fuzz',
        pattern: rng.chance(0.8)
          ? pick(rng, HOSTILE_PATTERNS)
          : randomText(rng, 40, '()|*+?.[]^$\\a{}'),
        definition: { 'ha-mode': 'all' },
      };
      doc['policies'] = [policy];
      return `pattern=${policy.pattern}`;
    }
    case 6: {
      const s = all.length > 0 ? pick(rng, all) : null;
      if (!s) return 'none';
      if (!Array.isArray(s.parent) && rng.chance(0.5)) {
        // A missing field takes its default (Kafka's auto.offset.reset=latest, for one).
        delete s.parent[s.key as string];
        return `${String(s.key)}:deleted`;
      }
      set(s, pick(rng, WRONG_TYPES));
      return `${String(s.key)}:wrong-type`;
    }
    case 7: {
      const s = arrays.length > 0 ? pick(rng, arrays) : null;
      if (!s) return 'none';
      const a = s.value as unknown[];
      set(s, rng.chance(0.5) ? [] : [...a, ...a, ...a]);
      return `${String(s.key)}:resized`;
    }
    case 8: {
      // Deep nesting somewhere.
      const s = all.length > 0 ? pick(rng, all) : null;
      if (!s) return 'none';
      let v: unknown = s.value;
      const depth = pick(rng, [10, 63, 65, 200, 2000]);
      for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? [v] : { a: v };
      set(s, v);
      return `nested${depth}`;
    }
    default: {
      // Seed, name and text fields with odd text.
      doc['name'] = randomText(rng, rng.int(0, 100), 'aé中\u0000\u2028"\\');
      doc['seed'] = pick(rng, [-1, 2 ** 32, 1.5, 0]);
      return 'odd-text';
    }
  }
}

function randomText(rng: Rng, n: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[rng.int(0, alphabet.length - 1)] as string;
  return out;
}

/**
 * Raw DEFLATE with stored (uncompressed) blocks: a valid stream any inflater reads, written
 * without a compressor so inputs can be made synchronously and deterministically.
 */
export function storedDeflate(bytes: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(bytes.length / 65535));
  const out = new Uint8Array(bytes.length + blocks * 5);
  let at = 0;
  for (let b = 0; b < blocks; b++) {
    const chunk = bytes.subarray(b * 65535, Math.min(bytes.length, (b + 1) * 65535));
    out[at++] = b === blocks - 1 ? 1 : 0;
    out[at++] = chunk.length & 0xff;
    out[at++] = chunk.length >> 8;
    out[at++] = ~chunk.length & 0xff;
    out[at++] = (~chunk.length >> 8) & 0xff;
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function linkOf(packed: Uint8Array): string {
  return `#s=${SHARE_CODEC_VERSION}.${toBase64Url(packed)}`;
}

/** Damages the bytes of a link the ways transport and attackers do. */
function damage(rng: Rng, packed: Uint8Array): { bytes: Uint8Array; note: string } {
  const b = new Uint8Array(packed);
  switch (rng.int(0, 3)) {
    case 0: {
      for (let i = 0; i < rng.int(1, 4); i++) {
        const at = rng.int(0, b.length - 1);
        b[at] = (b[at] as number) ^ (1 << rng.int(0, 7));
      }
      return { bytes: b, note: 'bit-flips' };
    }
    case 1:
      return { bytes: b.subarray(0, rng.int(0, b.length - 1)), note: 'truncated' };
    case 2: {
      const tail = Array.from({ length: rng.int(1, 8) }, () => rng.int(0, 255));
      return { bytes: new Uint8Array([...b, ...tail]), note: 'trailing-bytes' };
    }
    default:
      return {
        bytes: new Uint8Array(Array.from({ length: rng.int(0, 600) }, () => rng.int(0, 255))),
        note: 'random-bytes',
      };
  }
}

/**
 * `count` hostile inputs for `seed`. `documents` are the starting points (the preset documents);
 * `links` are real compressed links (from `encodeShareFragment`) to damage.
 */
export function fuzzInputs(
  seed: number,
  count: number,
  documents: readonly unknown[],
  links: readonly string[] = [],
): FuzzInput[] {
  const rng = new Rng(seed);
  const out: FuzzInput[] = [];
  for (let i = 0; i < count; i++) {
    const doc = JSON.parse(JSON.stringify(pick(rng, documents))) as Record<string, unknown>;
    const notes: string[] = [];
    for (let m = rng.int(0, 3); m > 0; m--) notes.push(mutate(rng, doc));
    let text = JSON.stringify(doc);
    if (rng.chance(0.08)) {
      // Keys that would pollute a prototype, spliced into the text (an object literal cannot
      // carry an own "__proto__" key).
      const key = pick(rng, POLLUTING_KEYS);
      const at = text.indexOf('{', rng.int(0, Math.max(0, text.length - 1)));
      if (at >= 0)
        text = `${text.slice(0, at + 1)}"${key}":{"polluted":true,"isAdmin":true},${text.slice(at + 1)}`;
      notes.push(key);
    }
    if (rng.chance(0.04)) {
      text = text.slice(0, rng.int(0, text.length));
      notes.push('cut-json');
    }
    const note = notes.join(' ') || 'preset';
    const form = rng.int(0, 9);
    if (form < 4) {
      out.push({ kind: 'file', text, note });
      continue;
    }
    const packed = storedDeflate(new TextEncoder().encode(text));
    if (form < 8) {
      out.push({ kind: 'link', text: linkOf(packed), note });
    } else if (form === 8) {
      const base = links.length > 0 && rng.chance(0.5) ? null : packed;
      if (base === null) {
        const real = pick(rng, links);
        const bytes = Uint8Array.from(atobUrl(real.slice(real.indexOf('.') + 1)));
        const d = damage(rng, bytes);
        out.push({ kind: 'link', text: linkOf(d.bytes), note: `real-link ${d.note}` });
      } else {
        const d = damage(rng, base);
        out.push({ kind: 'link', text: linkOf(d.bytes), note: `${note} ${d.note}` });
      }
    } else {
      out.push(oddLink(rng, note));
    }
  }
  return out;
}

function atobUrl(s: string): number[] {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Array.from(bin, (c) => c.charCodeAt(0));
}

function oddLink(rng: Rng, note: string): FuzzInput {
  switch (rng.int(0, 4)) {
    case 0:
      return {
        kind: 'link',
        text: `#s=1.${randomText(rng, MAX_LINK_CHARS - 3, 'A')}`,
        note: 'one-over-the-limit',
      };
    case 1:
      return {
        kind: 'link',
        text: `#s=1.${randomText(rng, rng.int(0, 200), 'AZaz09-_+/=$ ')}`,
        note,
      };
    case 2:
      return { kind: 'link', text: `#s=${rng.int(0, 99_999)}.AAAA`, note: 'version' };
    case 3:
      return { kind: 'link', text: randomText(rng, rng.int(0, 300), '#s=1.Aa_-%\u0000中'), note };
    default:
      return {
        kind: 'link',
        text: `#s=1.${'A'.repeat(rng.int(64_000, 70_000))}`,
        note: 'oversize',
      };
  }
}

/** What one input did. */
export interface FuzzOutcome {
  input: FuzzInput;
  /** Wall time of the decode and validation, ms. */
  ms: number;
  /** An exception escaped the decoder (it must never throw). */
  threw: string | null;
  result: Result<Scenario, ShareError> | null;
  /** Accepted, yet over the budget the validator is meant to enforce. */
  overBudget: boolean;
  /** Object.prototype changed. */
  polluted: boolean;
}

/** Decodes one input, timing it and checking the invariants. */
export function fuzzOne(input: FuzzInput, now: () => number): FuzzOutcome {
  const protoKeys = Object.getOwnPropertyNames(Object.prototype).length;
  const t0 = now();
  let result: Result<Scenario, ShareError> | null = null;
  let threw: string | null = null;
  try {
    result =
      input.kind === 'file' ? decodeJsonText(input.text) : decodeShareFragmentNow(input.text);
  } catch (e) {
    threw = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const ms = now() - t0;
  let overBudget = false;
  if (result?.ok) {
    const w = estimateWork(result.value);
    overBudget = w.events > MAX_EVENTS || w.messages > MAX_MESSAGES;
  }
  const probe = {} as Record<string, unknown>;
  const polluted =
    Object.getOwnPropertyNames(Object.prototype).length !== protoKeys ||
    probe['polluted'] !== undefined ||
    probe['isAdmin'] !== undefined;
  return { input, ms, threw, result, overBudget, polluted };
}
