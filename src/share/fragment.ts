/**
 * Whether a URL fragment is a share link, without loading the decoder and validator (which the
 * first render does not need).
 */

/** True when the fragment looks like a share link at all (so other fragments are ignored). */
export function isShareFragment(hash: string): boolean {
  return /^#?s=/.test(hash);
}

/** True when the fragment is meant as a compare link (so a garbled one still gets an error). */
export function isCompareFragment(hash: string): boolean {
  return /^#?c=/.test(hash);
}
