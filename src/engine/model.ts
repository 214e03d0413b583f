/**
 * What every broker model offers the runner: the groups the checker accounts for, where each
 * message is held at the end, the fault hooks that need model knowledge, and a view for the UI.
 */
import type { BrokerFamily, HeldState, HeldWhere, MsgId } from './check/history';
import type { NetFaults } from './kernel/network';
import type { Dist } from './kernel/prng';
import type { RunStats } from './stats';
import type { ClusterView } from './view';

export interface FaultTargets {
  net: NetFaults;
  /**
   * Arms a consumer crash at its next message (before or after processing it), or right after its
   * next offset commit (`after-commit`, Kafka-style consumers only); false when `node` is not a
   * consumer that supports that moment.
   */
  armCrash(
    node: string,
    when: 'before-process' | 'after-process' | 'after-commit',
    cause: number,
  ): boolean;
  /** Changes a consumer's processing time; false when `node` is not a consumer. */
  setProcessing(node: string, dist: Dist): boolean;
}

export interface Model<View = unknown> {
  readonly family: BrokerFamily;
  readonly groups: readonly string[];
  /**
   * What each group's messages still held at the end are (stored, in flight); with `where`, also
   * fills where each one is (producer buffer, network, broker, consumer).
   */
  held(where?: Map<string, Map<MsgId, HeldWhere>>): Map<string, Map<MsgId, HeldState>>;
  /** Which messages each group must account for (see `RunRecord.scope`); absent: all of them. */
  scope?(): Map<string, Set<MsgId>>;
  targets(): FaultTargets;
  /** The model's own detailed state, for tests and the inspector. */
  view(): View;
  /** What the UI draws (see view.ts): every model provides it. */
  clusterView(): ClusterView;
  /** Turns on what drawing needs (network traffic tracking); off for CLI and benchmarks. */
  enableTracking(): void;
  /** Statistics the scenario makes meaningful (`stats.ts`), for the run's report. */
  stats?(): RunStats;
}
