/** The visual language, shared by every view: key colours and anomaly marks. */

/**
 * d3-scale-chromatic's `schemeTableau10`, copied: importing it pulls the whole package (its ramps
 * and their interpolators) into the first page load for ten colour strings.
 */
const schemeTableau10 = [
  '#4e79a7',
  '#f28e2c',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc949',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ab',
] as const;

/** A message key's colour: stable for a key across runs and views. */
export function keyColor(key: string | null): string {
  if (key === null) return '#8a93a6';
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return schemeTableau10[(h >>> 0) % schemeTableau10.length] ?? '#4e79a7';
}

/** Anomaly marks: an icon for each kind, so colour is never the only signal. */
export const ANOMALY_ICON = {
  lost: '✕',
  duplicated: '⧉',
  reordered: '⇅',
  unexpected: '?',
  recovered: '↺',
} as const;

export const ANOMALY_COLOR = {
  lost: '#b3261e',
  duplicated: '#b35c00',
  reordered: '#6a3fb5',
  unexpected: '#7a5b00',
  recovered: '#1b6e4a',
} as const;
