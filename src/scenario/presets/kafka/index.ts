/**
 * Kafka presets: curriculum rows B5, C1, C2, C3, D3, D4, E4 and K18 (transactions), plus the two
 * leader-crash presets the web app's end-to-end tests use (acks=1 loses an acknowledged record,
 * acks=all does not).
 * Menu order.
 */
import acks1LeaderCrash from './acks1-leader-crash.json';
import acksAllLeaderCrash from './acks-all-leader-crash.json';
import b5NoLossRecipe from './b5-no-loss-recipe.json';
import c1Duplicates from './c1-duplicates.json';
import c2IdempotentConsumer from './c2-idempotent-consumer.json';
import c3IdempotentProducer from './c3-idempotent-producer.json';
import d3KeyOrdering from './key-ordering-d3.json';
import d4RetryReordering from './d4-retry-reordering.json';
import e4Replication from './e4-replication.json';
import k18Transactions from './k18-transactions.json';

/** Kafka preset documents, in menu order. */
export const KAFKA_PRESET_DOCUMENTS: readonly unknown[] = [
  acks1LeaderCrash,
  acksAllLeaderCrash,
  b5NoLossRecipe,
  c1Duplicates,
  c2IdempotentConsumer,
  c3IdempotentProducer,
  d3KeyOrdering,
  d4RetryReordering,
  e4Replication,
  k18Transactions,
];
