/**
 * The large scenarios the limit specs (cancel.spec.ts, robust.spec.ts) import: steady traffic on
 * a single node from two producers to two competing consumers, sized by the caller so a run (or
 * its end-of-run check) takes seconds; and importing a document as a user would, by file.
 */
import type { Page } from '@playwright/test';

export interface SteadyOptions {
  name: string;
  seed: number;
  durationMs: number;
  /** Per producer. */
  ratePerSec: number;
  /** Per producer. */
  messages: number;
  prefetch: number;
  processingMs: number;
}

/** Two producers with 8 keys each, two consumers with a fixed processing time. */
export function steadyDoc(o: SteadyOptions): Record<string, unknown> {
  const producer = (id: string) => ({
    id,
    ratePerSec: o.ratePerSec,
    messages: o.messages,
    keys: 8,
  });
  const consumer = (id: string) => ({
    id,
    prefetch: o.prefetch,
    processingMs: { kind: 'fixed', ms: o.processingMs },
  });
  return {
    version: 1,
    system: 'single-node',
    name: o.name,
    seed: o.seed,
    durationMs: o.durationMs,
    producers: [producer('p1'), producer('p2')],
    consumers: [consumer('c1'), consumer('c2')],
  };
}

/** Imports a scenario document through the Import JSON file input. */
export async function importDoc(page: Page, doc: Record<string, unknown>): Promise<void> {
  await page.getByLabel('Import JSON').setInputFiles({
    name: `${String(doc['name'])}.json`,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(doc)),
  });
}
