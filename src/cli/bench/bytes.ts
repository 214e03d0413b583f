/**
 * Bytes a recorded run keeps, for the benchmark's "recorded bytes per message". A recorder that
 * stores its history and journal in columns can say exactly (`byteSize()`); until then the figure
 * is the estimate the worker's memory budget uses: 300 bytes per journal entry and 150 per history
 * operation (`estimateBytes` in src/worker/limits.ts, measured on object-per-entry recording).
 */
import { estimateBytes } from '../../worker/limits';

interface RecorderLike {
  readonly history: { readonly length: number };
  readonly journal: { readonly length: number };
}

/** How `recordedBytes` counted, for the benchmark's JSON. */
export const RECORDED_BYTES_METHOD =
  'recorder.byteSize() when the recorder provides it; else 300 B per journal entry + 150 B per history op (estimateBytes, src/worker/limits.ts)';

export function recordedBytes(rec: RecorderLike): number {
  const exact = (rec as { byteSize?: unknown }).byteSize;
  if (typeof exact === 'function') return Number((exact as () => number).call(rec));
  return estimateBytes(rec.journal.length, rec.history.length, 0);
}
