/**
 * Loading untrusted scenario documents (files, share links, the CLI): parse -> reject too-new
 * versions -> numbered migrations -> validate with defaults. Returns a Result whose error is a
 * tagged union the UI and CLI switch on; the messages name the field and the problem.
 */
import { migrate, type Doc, type Migration, MIGRATIONS } from './migrations';
import { Scenario, SCENARIO_VERSION } from './schema';

export interface FieldIssue {
  /** Dotted path to the field, e.g. `producers.0.ratePerSec`; empty for the document itself. */
  path: string;
  message: string;
}

export type ScenarioError =
  | { kind: 'not-json'; message: string }
  | { kind: 'not-object' }
  | { kind: 'no-version' }
  | { kind: 'too-new'; version: number; supported: number }
  | { kind: 'too-old'; version: number }
  | { kind: 'migration-failed'; from: number; message: string }
  | { kind: 'invalid'; issues: FieldIssue[] };

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Validates a parsed document. `migrations` is for tests; callers use the default. */
export function parseScenario(
  input: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
): Result<Scenario, ScenarioError> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: { kind: 'not-object' } };
  }
  const m = migrate(input as Doc, SCENARIO_VERSION, migrations);
  if (!m.ok) return { ok: false, error: m.error };
  const r = Scenario.safeParse(m.doc);
  if (!r.success) {
    return {
      ok: false,
      error: {
        kind: 'invalid',
        issues: r.error.issues.map((i) => ({
          path: i.path.map(String).join('.'),
          message: i.message,
        })),
      },
    };
  }
  return { ok: true, value: r.data };
}

/** Parses JSON text and hands the document to `parse`; a syntax error is a `not-json` error. */
export function parseJsonWith<T, E>(
  text: string,
  parse: (doc: unknown) => Result<T, E>,
): Result<T, E | { kind: 'not-json'; message: string }> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      error: { kind: 'not-json', message: e instanceof Error ? e.message : String(e) },
    };
  }
  return parse(doc);
}

export function parseScenarioJson(text: string): Result<Scenario, ScenarioError> {
  return parseJsonWith(text, parseScenario);
}

/** One readable English message per error, for the CLI and logs (the UI translates by kind). */
export function describeScenarioError(e: ScenarioError): string {
  switch (e.kind) {
    case 'not-json':
      return `not valid JSON: ${e.message}`;
    case 'not-object':
      return 'a scenario must be a JSON object';
    case 'no-version':
      return 'missing "version": a scenario must say which format version it uses';
    case 'too-new':
      return `format version ${e.version} is newer than this Brokerlab understands (${e.supported}); update Brokerlab`;
    case 'too-old':
      return `format version ${e.version} is not a known version`;
    case 'migration-failed':
      return `could not upgrade from format version ${e.from}: ${e.message}`;
    case 'invalid':
      return e.issues
        .map((i) => `${i.path === '' ? '(document)' : i.path}: ${i.message}`)
        .join('\n');
    default: {
      const never: never = e;
      return `unknown error ${JSON.stringify(never)}`;
    }
  }
}
