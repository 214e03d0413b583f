import { describe, expect, it } from 'vitest';
import { presetByName } from '../../../scenario/presets';
import { Run } from '../../run';

describe('RabbitMQ cluster view', () => {
  it('draws declared exchanges as nodes and every binding to a queue row or an exchange', () => {
    const s = presetByName('rabbitmq-g3-topic-wildcards');
    if (!s || s.system !== 'rabbitmq') throw new Error('no G3 preset');
    const run = new Run(s);
    run.advanceTo(1_000_000);
    const v = run.model.clusterView();
    const exchanges = v.nodes.filter((n) => n.role === 'exchange');
    const declared = s.vhosts.flatMap((x) => x.exchanges);
    expect(exchanges.length).toBe(declared.length);
    const bindings = v.bindings ?? [];
    expect(bindings.length).toBe(s.vhosts.flatMap((x) => x.bindings).length);
    const labels = new Set(v.stores.map((st) => st.label));
    const ids = new Set(v.nodes.map((n) => n.id));
    for (const b of bindings) {
      expect(ids.has(b.from)).toBe(true);
      expect(labels.has(b.to) || ids.has(b.to)).toBe(true);
    }
    // The wildcard keys are shown as written, so the lesson can point at them.
    expect(bindings.map((b) => b.key)).toEqual(
      expect.arrayContaining(['order.*', 'order.#', '#.eu']),
    );
  });
});
