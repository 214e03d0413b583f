/**
 * RabbitMQ presets (curriculum rows A1, B2-B4, B6, E1-E3, E6, F2, F3, G1-G4), in menu order. Each
 * is a scenario document with a bilingual title and description; defaults are RabbitMQ 3.10's.
 */
import a1Decoupling from './a1-decoupling.json';
import b2TxVsConfirms from './b2-tx-vs-confirms.json';
import b3DurablePersistent from './b3-durable-persistent.json';
import b4AutoackVsManual from './b4-autoack-vs-manual.json';
import b6PersistenceCost from './b6-persistence-cost.json';
import e1SingleNode from './e1-single-node.json';
import e2ClassicCluster from './e2-classic-cluster.json';
import e3Mirrored from './e3-mirrored.json';
import e6Partition from './e6-partition.json';
import f2TtlDlx from './f2-ttl-dlx.json';
import f3QueueFull from './f3-queue-full.json';
import g1Concepts from './g1-concepts.json';
import g2WorkModes from './g2-work-modes.json';
import g3TopicWildcards from './g3-topic-wildcards.json';
import g4Prefetch from './g4-prefetch.json';

export const RABBITMQ_PRESET_DOCUMENTS: readonly unknown[] = [
  a1Decoupling,
  b2TxVsConfirms,
  b3DurablePersistent,
  b4AutoackVsManual,
  b6PersistenceCost,
  e1SingleNode,
  e2ClassicCluster,
  e3Mirrored,
  e6Partition,
  f2TtlDlx,
  f3QueueFull,
  g1Concepts,
  g2WorkModes,
  g3TopicWildcards,
  g4Prefetch,
];
