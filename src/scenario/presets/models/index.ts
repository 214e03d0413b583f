/**
 * Presets of the model mechanisms added for the curriculum (A2 request path, D1 two paths,
 * F1 backlog, I3 delivery modes), in menu order. Each is a scenario document with a bilingual title and
 * description.
 */
import a2RequestPath from './a2-request-path.json';
import d1TwoPaths from './d1-two-paths.json';
import f1BacklogScaleOut from './f1-backlog-scale-out.json';
import i3ReceiveModes from './i3-receive-modes.json';

export const MODELS_PRESET_DOCUMENTS: readonly unknown[] = [
  a2RequestPath,
  d1TwoPaths,
  f1BacklogScaleOut,
  i3ReceiveModes,
];
