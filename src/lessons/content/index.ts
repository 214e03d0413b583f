/**
 * The lesson library for Node (the page finds the same files with `import.meta.glob`, library.ts):
 * one JSON file per curriculum topic; library.test.ts fails when this list and the files differ.
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
import e5MasterSlave from './e5-master-slave.json';
import e6Partition from './e6-partition.json';
import f1Backlog from './f1-backlog.json';
import f2TtlDlx from './f2-ttl-dlx.json';
import f3QueueFull from './f3-queue-full.json';
import g3TopicWildcards from './g3-topic-wildcards.json';
import h1NameserverRoutes from './h1-nameserver-routes.json';
import h2SendModes from './h2-send-modes.json';
import h3LoadBalancing from './h3-load-balancing.json';
import h4ClusteringBroadcasting from './h4-clustering-broadcasting.json';
import h5Rebalance from './h5-rebalance.json';
import h6Tags from './h6-tags.json';
import h7Transactions from './h7-transactions.json';
import h8Delay from './h8-delay.json';
import h9RetryDlq from './h9-retry-dlq.json';
import g4Prefetch from './g4-prefetch.json';
import e2ClassicCluster from './e2-classic-cluster.json';
import g2WorkModes from './g2-work-modes.json';
import g1Concepts from './g1-concepts.json';
import e1SingleNode from './e1-single-node.json';
import c2IdempotentConsumer from './c2-idempotent-consumer.json';
import b3DurablePersistent from './b3-durable-persistent.json';
import b2TxVsConfirms from './b2-tx-vs-confirms.json';
import b1DeliverySemantics from './b1-delivery-semantics.json';
import a3PeakShaving from './a3-peak-shaving.json';
import i3PushPull from './i3-push-pull.json';
import d2QueuePerKey from './d2-queue-per-key.json';
import i2BuildABroker from './i2-build-a-broker.json';
import b6WhyNotPersistAll from './b6-why-not-persist-all.json';
import b7LossPoints from './b7-loss-points.json';
import a4Drawbacks from './a4-drawbacks.json';
import i1CompareBrokers from './i1-compare-brokers.json';

/** Raw lesson documents, for Node (tests, CLI); not in curriculum order (the home orders by the map). */
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
  e5MasterSlave,
  e6Partition,
  f1Backlog,
  f2TtlDlx,
  f3QueueFull,
  g3TopicWildcards,
  h1NameserverRoutes,
  h2SendModes,
  h3LoadBalancing,
  h4ClusteringBroadcasting,
  h5Rebalance,
  h6Tags,
  h7Transactions,
  h8Delay,
  h9RetryDlq,
  a3PeakShaving,
  b1DeliverySemantics,
  b2TxVsConfirms,
  b3DurablePersistent,
  c2IdempotentConsumer,
  g4Prefetch,
  e2ClassicCluster,
  g2WorkModes,
  g1Concepts,
  e1SingleNode,
  i3PushPull,
  d2QueuePerKey,
  i2BuildABroker,
  b6WhyNotPersistAll,
  b7LossPoints,
  a4Drawbacks,
  i1CompareBrokers,
];
