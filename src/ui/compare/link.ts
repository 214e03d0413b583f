/**
 * Opening and making compare links. A garbled link shows the same error as a share link and
 * leaves the user's scenario and run as they were.
 */
import { shareErrorText, STRINGS } from '../../i18n/strings';
import { decodeCompareFragmentNow, encodeCompareFragment } from '../../share/compare-codec';
import type { AppStore } from '../../store';
import { compareStore, currentCompareSpec } from './store';

/** Opens the comparison in `hash`; on failure, a notice and nothing else. Returns success. */
export function openCompareLink(hash: string, store: AppStore): boolean {
  const r = decodeCompareFragmentNow(hash);
  const s = store.getState();
  if (!r.ok) {
    s.setNotice({
      tone: 'error',
      text: `${STRINGS[s.lang].linkError} ${shareErrorText(s.lang, r.error)}`,
    });
    return false;
  }
  compareStore.setState((c) => ({ spec: r.value, version: c.version + 1 }));
  return true;
}

/** The link to the open comparison, or null when none is open. */
export async function compareLink(): Promise<string | null> {
  const spec = currentCompareSpec();
  if (!spec) return null;
  return `${location.origin}${location.pathname}${location.search}#${await encodeCompareFragment(spec)}`;
}
