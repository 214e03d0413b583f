/**
 * The share-link and file codec. A link carries the whole scenario (topology, configuration,
 * workload, faults, seed) in the URL fragment as `#s=<codec version>.<base64url(deflate-raw(JSON))>`.
 *
 * Links are untrusted input. Decoding goes: strict pattern -> size limit on the text -> base64url ->
 * decompression with a hard cap (a zip bomb stops at the cap; bytes after the end of the
 * compressed data are refused) -> JSON -> forbidden-key and depth scan -> `parseScenario`
 * (validate, budget, reject too-new scenario versions, migrate). Every failure is a tagged `ShareError` the UI switches on; nothing throws.
 *
 * The fragment never reaches a server, so a shared scenario stays between the two people.
 */
import { parseScenario, type Result, type ScenarioError } from '../scenario/load';
import type { Scenario } from '../scenario/schema';
import { inflateRaw } from './inflate';

/**
 * Version of the link encoding itself (not of the scenario format, which the JSON carries).
 * Changing how bytes are packed without bumping it breaks every link already pasted in a chat;
 * add a decoder for the new version and keep the old one.
 */
export const SHARE_CODEC_VERSION = 1;

/** Longest fragment accepted (after the `#`). Browsers and chat apps handle URLs of this size. */
export const MAX_LINK_CHARS = 64_000;
/** Deepest nesting of arrays and objects accepted in a document (a scenario needs about 8). */
export const MAX_DEPTH = 64;
/** Largest decompressed JSON accepted (a scenario with 1000 faults is about 100 KB). */
export const MAX_JSON_BYTES = 1_000_000;

export type ShareError =
  | { kind: 'empty' }
  | { kind: 'bad-pattern' }
  | { kind: 'too-new'; version: number; supported: number }
  | { kind: 'too-large'; stage: 'link' | 'decompressed' | 'file'; limit: number }
  | { kind: 'bad-base64' }
  | { kind: 'bad-compression'; message: string }
  | { kind: 'trailing-bytes' }
  | { kind: 'too-deep'; limit: number }
  | { kind: 'bad-json'; message: string }
  | { kind: 'forbidden-key'; key: string }
  | { kind: 'invalid-scenario'; error: ScenarioError };

// The length is checked before the pattern, so a link that is only too long says so.
const FRAGMENT = /^#?s=([0-9]{1,4})\.([A-Za-z0-9_-]+)$/;

/** Keys that must never appear in a document from outside, at any depth. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

async function collect(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array | 'too-large'> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const cs = new CompressionStream('deflate-raw');
  const writer = cs.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close());
  const r = await collect(cs.readable, Number.MAX_SAFE_INTEGER);
  if (r === 'too-large') throw new Error('unreachable');
  return r;
}

/**
 * Scans a parsed document for what must never reach validation: a forbidden key at any depth
 * (prototype pollution through a crafted document), or nesting deeper than `MAX_DEPTH`.
 */
export function scanDocument(
  doc: unknown,
  depth = 0,
): { kind: 'forbidden-key'; key: string } | { kind: 'too-deep'; limit: number } | null {
  if (depth > MAX_DEPTH) return { kind: 'too-deep', limit: MAX_DEPTH };
  if (Array.isArray(doc)) {
    for (const v of doc) {
      const k = scanDocument(v, depth + 1);
      if (k !== null) return k;
    }
    return null;
  }
  if (typeof doc === 'object' && doc !== null) {
    for (const key of Object.keys(doc)) {
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbidden-key', key };
      const k = scanDocument((doc as Record<string, unknown>)[key], depth + 1);
      if (k !== null) return k;
    }
  }
  return null;
}

/** JSON text (an exported file, or a decompressed link) to a validated, migrated scenario. */
export function decodeJsonText(text: string): Result<Scenario, ShareError> {
  const doc = parseUntrustedJson(text);
  if (!doc.ok) return doc;
  const parsed = parseScenario(doc.value);
  if (!parsed.ok) return { ok: false, error: { kind: 'invalid-scenario', error: parsed.error } };
  return parsed;
}

/**
 * Untrusted JSON text to a document that is safe to validate: the size limit, `JSON.parse`, then
 * the forbidden-key and depth scan. Shared by scenario files and links and by compare links.
 */
export function parseUntrustedJson(text: string): Result<unknown, ShareError> {
  if (text.length > MAX_JSON_BYTES)
    return { ok: false, error: { kind: 'too-large', stage: 'file', limit: MAX_JSON_BYTES } };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      error: { kind: 'bad-json', message: e instanceof Error ? e.message : String(e) },
    };
  }
  const bad = scanDocument(doc);
  if (bad !== null) return { ok: false, error: bad };
  return { ok: true, value: doc };
}

/** The scenario as the JSON people export and import (stable key order, two-space indent). */
export function scenarioToJson(s: unknown): string {
  return JSON.stringify(s, null, 2);
}

/** Encodes a scenario document as a fragment body `s=1.<payload>` (without the `#`). */
export async function encodeShareFragment(s: unknown): Promise<string> {
  const json = JSON.stringify(s);
  const packed = await deflate(new TextEncoder().encode(json));
  return `s=${SHARE_CODEC_VERSION}.${toBase64Url(packed)}`;
}

export { isShareFragment } from './fragment';

/** Decodes `location.hash` (with or without `#`) into a validated, migrated scenario. */
export function decodeShareFragment(hash: string): Promise<Result<Scenario, ShareError>> {
  return Promise.resolve(decodeShareFragmentNow(hash));
}

/** `decodeShareFragment` without the promise: decoding is synchronous and bounded. */
export function decodeShareFragmentNow(hash: string): Result<Scenario, ShareError> {
  const text = unpackFragment(hash, FRAGMENT, SHARE_CODEC_VERSION);
  if (!text.ok) return text;
  return decodeJsonText(text.value);
}

/**
 * A link fragment `<tag>=<version>.<base64url(deflate-raw(UTF-8))>` to its text: the length
 * limit, the strict `pattern` (capturing version and payload), the version check against
 * `supported`, then the capped inflate refusing trailing bytes. Shared by share links and compare
 * links (`compare-codec.ts`), so both fail in the same, named ways.
 */
export function unpackFragment(
  hash: string,
  pattern: RegExp,
  supported: number,
): Result<string, ShareError> {
  if (hash === '' || hash === '#') return { ok: false, error: { kind: 'empty' } };
  if (hash.length - (hash.startsWith('#') ? 1 : 0) > MAX_LINK_CHARS)
    return { ok: false, error: { kind: 'too-large', stage: 'link', limit: MAX_LINK_CHARS } };
  const m = pattern.exec(hash);
  if (!m) return { ok: false, error: { kind: 'bad-pattern' } };
  const version = Number(m[1]);
  const payload = m[2] ?? '';
  if (version > supported) return { ok: false, error: { kind: 'too-new', version, supported } };
  if (version < 1) return { ok: false, error: { kind: 'bad-pattern' } };
  const bytes = fromBase64Url(payload);
  if (bytes === null) return { ok: false, error: { kind: 'bad-base64' } };
  // Decoded here rather than with DecompressionStream, which Node and Chromium run differently
  // on hostile input (see inflate.ts): the same link must give the same answer everywhere.
  const inflated = inflateRaw(bytes, MAX_JSON_BYTES);
  if (!inflated.ok)
    return {
      ok: false,
      error:
        inflated.kind === 'too-large'
          ? { kind: 'too-large', stage: 'decompressed', limit: MAX_JSON_BYTES }
          : { kind: 'bad-compression', message: inflated.message },
    };
  if (inflated.used < bytes.length) return { ok: false, error: { kind: 'trailing-bytes' } };
  const raw = inflated.bytes;
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(raw) };
  } catch (e) {
    return {
      ok: false,
      error: { kind: 'bad-json', message: e instanceof Error ? e.message : String(e) },
    };
  }
}

/** One English line per error, for logs; the UI translates by `kind`. */
export function describeShareError(e: ShareError): string {
  switch (e.kind) {
    case 'empty':
      return 'the link holds no scenario';
    case 'bad-pattern':
      return 'the link is not a Brokerlab scenario link';
    case 'too-new':
      return `the link uses codec version ${e.version}; this Brokerlab reads up to ${e.supported}`;
    case 'too-large':
      return `the ${e.stage} is larger than ${e.limit} bytes`;
    case 'bad-base64':
      return 'the link is damaged (bad base64)';
    case 'bad-compression':
      return `the link is damaged (cannot decompress: ${e.message})`;
    case 'bad-json':
      return `the scenario is not valid JSON: ${e.message}`;
    case 'trailing-bytes':
      return 'the link is damaged (bytes after the end of the compressed data)';
    case 'too-deep':
      return `the scenario is nested more than ${e.limit} levels deep`;
    case 'forbidden-key':
      return `the scenario contains a forbidden key "${e.key}"`;
    case 'invalid-scenario':
      return `the scenario is invalid (${e.error.kind})`;
    default: {
      const never: never = e;
      return `unknown error ${JSON.stringify(never)}`;
    }
  }
}
