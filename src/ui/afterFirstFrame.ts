/**
 * What is not part of the first frame (the lessons home in the side panel) loads once the first
 * cluster frame is on screen, so its code, its render and its layout do not compete with that frame
 * for the network and the main thread. `main.tsx` calls `noteFirstFrameShown` after the frame's
 * paint, or when the first run ends without a frame (an error); a fallback opens the gate anyway
 * after FALLBACK_MS, so a page whose first run never gets a frame still shows every panel.
 */
const FALLBACK_MS = 1500;

let open: () => void = () => {};

/** Resolves once the first cluster frame is painted (or the first run failed, or FALLBACK_MS). */
export const firstFrameShown: Promise<void> = new Promise((resolve) => {
  open = resolve;
});

setTimeout(() => open(), FALLBACK_MS);

/** Opens the gate: the first frame is on screen (or will not come). */
export function noteFirstFrameShown(): void {
  open();
}
