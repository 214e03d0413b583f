/**
 * The typed protocol between the UI thread and the simulation worker. Every request carries an
 * id and gets exactly one response with the same id, `ok: true` or `ok: false`. Bump
 * PROTOCOL_VERSION when a message changes shape: a page and a worker from different builds then
 * refuse each other with a clear error instead of misreading each other.
 */
import type { AnomalyKind, Fate } from '../engine/check/checker';
import type { JournalKind } from '../engine/check/history';

export const PROTOCOL_VERSION = 1;

export type WorkerRequest =
  | { v: typeof PROTOCOL_VERSION; id: number; type: 'simulate'; scenario: unknown; seed?: number }
  /** Makes the engine throw, so the UI's recovery path can be exercised end to end. */
  | { v: typeof PROTOCOL_VERSION; id: number; type: 'crash-engine' };

export interface ChainEntry {
  id: number;
  at: number;
  kind: JournalKind;
  node: string;
  msgs?: readonly number[];
  data?: Readonly<Record<string, string | number | boolean>>;
}

export interface AnomalySummary {
  kind: AnomalyKind;
  group: string;
  msg: number;
  key: string | null;
  producer: string | null;
  reason: { en: string; zh: string };
  chain: ChainEntry[];
}

export interface RunSummary {
  name: string;
  seed: number;
  simulatedUs: number;
  events: number;
  traceHash: string;
  messages: number;
  counts: Record<AnomalyKind, number>;
  groups: { group: string; counts: Record<AnomalyKind, number>; fates: Record<Fate, number> }[];
  anomalies: AnomalySummary[];
  /** Wall time the worker spent, for the "about this run" panel. */
  wallMs: number;
}

export type WorkerErrorKind = 'invalid-scenario' | 'engine' | 'protocol';

export type WorkerResponse =
  | { v: typeof PROTOCOL_VERSION; id: number; ok: true; type: 'simulated'; summary: RunSummary }
  | {
      v: typeof PROTOCOL_VERSION;
      id: number;
      ok: false;
      error: { kind: WorkerErrorKind; message: string };
    };
