/**
 * The lesson library: one JSON file per curriculum topic, in the order the home lists them.
 * Raw documents (validation runs when a lesson opens, and in the tests), so the page's first render
 * does not pay for validating every lesson.
 */
import a1Decoupling from './a1-decoupling.json';
import a2SyncVsAsync from './a2-sync-vs-async.json';
import b4AutoackVsManual from './b4-autoack-vs-manual.json';
import b5NoLossRecipe from './b5-no-loss-recipe.json';
import c1Duplicates from './c1-duplicates.json';
import c3IdempotentProducer from './c3-idempotent-producer.json';
import d1TwoPaths from './d1-two-paths.json';
import d3KeyOrdering from './d3-key-ordering.json';
import d4RetryReordering from './d4-retry-reordering.json';
import e3Mirrored from './e3-mirrored.json';
import e4Replication from './e4-replication.json';
import e6Partition from './e6-partition.json';
import f1Backlog from './f1-backlog.json';
import f2TtlDlx from './f2-ttl-dlx.json';
import f3QueueFull from './f3-queue-full.json';
import g3TopicWildcards from './g3-topic-wildcards.json';
import i3PushPull from './i3-push-pull.json';

/** Raw lesson documents, by curriculum order. */
export const LESSON_DOCUMENTS: readonly unknown[] = [
  a1Decoupling,
  a2SyncVsAsync,
  b4AutoackVsManual,
  b5NoLossRecipe,
  c1Duplicates,
  c3IdempotentProducer,
  d1TwoPaths,
  d3KeyOrdering,
  d4RetryReordering,
  e3Mirrored,
  e4Replication,
  e6Partition,
  f1Backlog,
  f2TtlDlx,
  f3QueueFull,
  g3TopicWildcards,
  i3PushPull,
];
