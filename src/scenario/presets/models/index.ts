/**
 * Presets of the model mechanisms added for the curriculum (A2 request path, F1 backlog, I3
 * delivery modes), in menu order. Each is a scenario document with a bilingual title and
 * description.
 */
import a2RequestPath from './a2-request-path.json';
import f1BacklogScaleOut from './f1-backlog-scale-out.json';
import i3ReceiveModes from './i3-receive-modes.json';

export const MODELS_PRESET_DOCUMENTS: readonly unknown[] = [
  a2RequestPath,
  f1BacklogScaleOut,
  i3ReceiveModes,
];
