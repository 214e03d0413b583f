import type { AnomalyKind } from '../engine/check/checker';
import { ANOMALY_COLOR } from '../viz/colors';

/**
 * The anomaly marks as small inline SVG icons, so they never depend on colour alone nor on the
 * fonts installed: lost ✕, duplicated ⧉, reordered ⇅, unexpected ?, recovered ↺.
 */
export function Badge({ kind }: { kind: AnomalyKind }) {
  const c = ANOMALY_COLOR[kind];
  return (
    <svg className="badge" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      {kind === 'lost' ? (
        <path d="M3 3 L13 13 M13 3 L3 13" stroke={c} strokeWidth="3" strokeLinecap="round" />
      ) : kind === 'duplicated' ? (
        <g fill="none" stroke={c} strokeWidth="2">
          <rect x="2" y="2" width="8.5" height="8.5" rx="1" />
          <rect x="5.5" y="5.5" width="8.5" height="8.5" rx="1" fill="#fff" />
        </g>
      ) : kind === 'reordered' ? (
        <path
          d="M5 14 V3 M2 6 L5 2.5 L8 6 M11 2 V13 M8 10 L11 13.5 L14 10"
          stroke={c}
          strokeWidth="2"
          fill="none"
        />
      ) : kind === 'unexpected' ? (
        <text x="8" y="13" textAnchor="middle" fontSize="14" fontWeight="900" fill={c}>
          ?
        </text>
      ) : (
        <path
          d="M12.5 8 A4.5 4.5 0 1 1 8 3.5 L11 3.5 M9 1 L11.5 3.5 L9 6"
          stroke={c}
          strokeWidth="2"
          fill="none"
        />
      )}
    </svg>
  );
}
