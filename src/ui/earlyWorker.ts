/**
 * Starts the simulation worker when the page's script starts (main.tsx imports this first), before
 * React and the views evaluate, so the worker's download and start and the first run overlap them:
 * the first frame comes sooner. The controller's client takes this worker instead of a new one.
 */
import { defaultWorkerFactory, type WorkerFactory } from '../worker/client';

let early: Worker | null = typeof Worker === 'function' ? defaultWorkerFactory() : null;

/** The worker started at page load the first time, a new one after (a crashed worker's replacement). */
export const earlyWorkerFactory: WorkerFactory = () => {
  const w = early;
  early = null;
  return w ?? defaultWorkerFactory();
};
