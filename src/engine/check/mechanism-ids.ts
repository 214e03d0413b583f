/**
 * The closed list of mechanisms the models can record: every way a message can be lost,
 * duplicated, reordered, delivered when it should not be, or set aside by a broker policy, plus the
 * mechanisms that protect a message (so "no anomalies" can say what protected it).
 *
 * An id names a mechanism of the real system, prefixed by where it lives (`kafka.`, `rabbit.`,
 * `amqp.` for what both AMQP models share, `storage.`, `net.`, `client.`, `consumer.`).
 * The catalogue (`mechanisms.ts`) holds each one's text, the knobs that prevent it, a citation and
 * the version it applies to. Models record an id where the mechanism acts (`JournalEntry.mech`);
 * explanations are looked up by id, never by matching event names or strings.
 *
 * Changing an id breaks scenario files whose claims name it (`claims.mechanisms`): add, do not rename.
 */
export const MECHANISM_IDS = [
  // --- loss ----------------------------------------------------------------------------------
  'net.message-dropped',
  'net.receiver-down',
  'client.producer-crash-unsent',
  'storage.crash-before-write',
  'storage.page-cache-lost',
  'amqp.transient-message',
  'amqp.non-durable-queue',
  'amqp.autoack-crash',
  'amqp.unroutable',
  'rabbit.queue-down',
  'rabbit.mirror-promotion',
  'rabbit.partition-discard',
  'rabbit.quorum-uncommitted',
  'rabbit.node-paused',
  'rabbit.tx-uncommitted',
  'kafka.acks0-leader-crash',
  'kafka.acks1-leader-crash',
  'kafka.isr-shrunk-to-leader',
  'kafka.unclean-election',
  'kafka.commit-before-process',
  'kafka.autocommit-ahead',
  'kafka.auto-offset-reset',
  'kafka.retention',
  // --- set aside by a policy: fates of their own, not losses ---------------------------------------
  'rabbit.dead-lettered',
  'rabbit.expired',
  'rabbit.queue-expired',
  'rabbit.exclusive-queue-deleted',
  'rabbit.auto-delete',
  'rabbit.overflow',
  'rabbit.overflow-reject-publish',
  'rabbit.consumer-rejected',
  'rabbit.delivery-limit',
  'kafka.txn-aborted',
  // --- duplicates and reordering (one act can cause both: a retry lands twice and behind later
  // messages; the catalogue lists each mechanism's effects) -----------------------------------
  'rabbit.lost-confirm-republish',
  'rabbit.requeue',
  'rabbit.nack-requeue',
  'rabbit.mirror-promotion-requeue',
  'rabbit.ack-not-persisted',
  'kafka.retry-without-idempotence',
  'kafka.sequence-reset',
  'kafka.uncommitted-redelivery',
  'net.duplicated',
  'consumer.competing-consumers',
  'consumer.worker-pool',
  'consumer.forward-repartition',
  'consumer.forward-redelivered',
  'rabbit.dead-letter-copies',
  'rabbit.dead-letter-order',
  // --- wrong delivery ------------------------------------------------------------------------
  'kafka.read-uncommitted',
  'net.ack-dropped',
  'client.indeterminate-timeout',
  'rabbit.nack-partial-route',
  'rabbit.partial-tx-completion',
  // --- protection (what kept a message safe) -------------------------------------------------
  'kafka.acks-all-waited',
  'kafka.idempotent-dedup',
  'rabbit.confirm-after-fsync',
  'consumer.idempotent-sink',
  // --- RocketMQ (4.9.x master/slave) --------------------------------------------------------
  'rocketmq.async-flush-lost',
  'rocketmq.flush-disk-timeout',
  'rocketmq.async-replication-lost',
  'rocketmq.sync-master-not-ok',
  'rocketmq.async-send-failed',
  'rocketmq.consume-from-last-offset',
  'rocketmq.broadcast-no-retry',
  'rocketmq.txn-check-max',
  'rocketmq.txn-rollback',
  'rocketmq.dlq',
  'rocketmq.send-retry',
  'rocketmq.offset-not-persisted',
  'rocketmq.reconsume-later',
  'rocketmq.sync-flush-waited',
  'rocketmq.sync-master-waited',
  'rocketmq.txn-check-committed',
  'rocketmq.selector-remap',
] as const;

/** A mechanism's id: see `MECHANISM_IDS`. */
export type MechanismId = (typeof MECHANISM_IDS)[number];

const IDS: ReadonlySet<string> = new Set(MECHANISM_IDS);

/** True when `s` names a mechanism of the catalogue (scenario claims are validated with it). */
export function isMechanismId(s: string): s is MechanismId {
  return IDS.has(s);
}

/**
 * The role an earlier journal entry plays in a mechanism's action: a typed cause link.
 * `JournalEntry.links` holds these; the chain walker follows them and shows the linked entries as
 * the mechanism's causes. Stored as (role, entry id) pairs so a columnar journal keeps them as two
 * integer columns.
 */
export const CAUSE_ROLES = [
  /** the node crash, power loss or pause that started it */
  'fault',
  /** the restart after which it happened */
  'restart',
  /** a leader election or promotion */
  'election',
  /** a follower leaving the ISR */
  'isr-shrink',
  /** the acknowledgement the producer got (the promise that was broken) */
  'ack',
  /** the offset commit or ack involved */
  'commit',
  /** the attempt that failed before a retry or republish */
  'attempt',
  /** the producer's wait for an acknowledgement that ended without one */
  'timeout',
  /** the network event (drop, cut, duplicate) involved */
  'network',
  /** a rebalance or reassignment */
  'rebalance',
  /** a connection or channel closing */
  'connection-close',
  /** the policy or expiry that acted */
  'policy',
  /** a proxy hop inside a cluster */
  'forward',
  /** the transaction marker or coordinator decision */
  'transaction',
  /** the message's earlier storage or delivery the mechanism undid or repeated */
  'earlier',
] as const;

/** See `CAUSE_ROLES`. */
export type CauseRole = (typeof CAUSE_ROLES)[number];

/** A typed link from a journal entry to an earlier one. */
export interface CauseLink {
  role: CauseRole;
  id: number;
}
