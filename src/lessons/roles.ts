/**
 * A fault named by role ("the node holding the leader crashes at 5 s"), mapped onto one system's
 * scenario. The same role means a different node on each system, so I1's columns can run one
 * fault schedule on Kafka, RabbitMQ and RocketMQ; `mapped.how` says in words which node it hit
 * and why, for the lesson and compare mode to show.
 *
 * The mapping reads the placement the scenario fixes before the run, never the run itself:
 * Kafka's leader is the first replica of partition 0 (`replica.assignment`, the preferred leader,
 * which the controller elects at creation); a RabbitMQ queue lives on (is led from) the node it
 * is declared on, or the first node when none is named (`brokers/rabbitmq/index.ts` spreads the
 * unplaced queues from the first node on); a RocketMQ queue is written on its broker group's
 * master, brokerId 0.
 */
import type { Fault } from '../scenario/common';
import type { Scenario } from '../scenario/schema';
import type { RoleFault } from './schema';

type Bi = { en: string; zh: string };

/** The node a role names in `s`, and how it was found; or why it cannot be found. */
export type RoleNode = { ok: true; node: string; how: Bi } | { ok: false; message: string };

/** The node holding the leader of the scenario's first queue or partition. */
export function leaderNode(s: Scenario): RoleNode {
  switch (s.system) {
    case 'single-node':
      return {
        ok: true,
        node: s.broker.id,
        how: {
          en: `${s.broker.id}, the only broker`,
          zh: `${s.broker.id}（唯一的 broker）`,
        },
      };
    case 'kafka': {
      const first = s.topic['replica.assignment']?.[0]?.[0];
      if (first === undefined)
        return {
          ok: false,
          message:
            'set topic.replica.assignment: without it the leader is drawn from the seed, not known before the run',
        };
      const row = `${s.topic.name}-0`;
      return {
        ok: true,
        node: first,
        how: {
          en: `${first}, leader of partition ${row} (first replica in replica.assignment)`,
          zh: `${first}，分区 ${row} 的 leader（replica.assignment 的第一个副本）`,
        },
      };
    }
    case 'rabbitmq': {
      const q = s.vhosts[0]?.queues[0];
      const node = q?.node ?? s.cluster.nodes[0];
      if (!q || node === undefined) return { ok: false, message: 'the scenario declares no queue' };
      return {
        ok: true,
        node,
        how: {
          en: `${node}, the node queue ${q.name} is declared on (its leader/master)`,
          zh: `${node}，队列 ${q.name} 所在的节点（它的 leader/master）`,
        },
      };
    }
    case 'rocketmq': {
      const t = s.topics[0];
      const group = t?.brokers[0];
      const master = s.brokers.find((b) => b.brokerName === group && b.brokerId === 0);
      if (!t || !master)
        return {
          ok: false,
          message: "no master (brokerId 0) for the first topic's first broker group",
        };
      return {
        ok: true,
        node: master.id,
        how: {
          en: `${master.id}, master (brokerId 0) of ${master.brokerName}, which holds ${t.name}'s first queues`,
          zh: `${master.id}，${master.brokerName} 的 master（brokerId 0），${t.name} 的前几个队列在它上面`,
        },
      };
    }
    default: {
      const never: never = s;
      throw new Error(`unknown system ${JSON.stringify(never)}`);
    }
  }
}

/** The faults `f` adds to a scenario whose role node is `node`: the fault, then the restart. */
export function roleFaults(f: RoleFault, node: string): Fault[] {
  const first: Fault =
    f.type === 'crash'
      ? { atMs: f.atMs, type: 'crash', node, when: 'now' }
      : { atMs: f.atMs, type: 'power-loss', node };
  return f.restartAtMs === undefined
    ? [first]
    : [first, { atMs: f.restartAtMs, type: 'restart', node }];
}

/** `s` with the role fault added to its schedule (after its own faults), and the mapping. */
export function withRoleFault(
  s: Scenario,
  f: RoleFault,
): { ok: true; scenario: Scenario; node: string; how: Bi } | { ok: false; message: string } {
  const r = leaderNode(s);
  if (!r.ok) return r;
  return {
    ok: true,
    scenario: { ...s, faults: [...s.faults, ...roleFaults(f, r.node)] },
    node: r.node,
    how: r.how,
  };
}
