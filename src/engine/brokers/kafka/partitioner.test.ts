import { describe, expect, it } from 'vitest';
import { Rng } from '../../kernel/prng';
import {
  assignReplicas,
  keyModulo,
  murmur2,
  partitionForKey,
  StickyPartitioner,
  toPositive,
  utf8,
} from './partitioner';

describe('murmur2, as Kafka computes it', () => {
  it("matches Kafka's UtilsTest.testMurmur2 vectors", () => {
    // clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java
    const cases: [string, number][] = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [k, v] of cases) expect(murmur2(utf8(k))).toBe(v);
  });

  it('toPositive clears the sign bit (not Math.abs)', () => {
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(5)).toBe(5);
  });

  it('places a key on toPositive(murmur2(bytes)) % partitions, always the same one', () => {
    expect(partitionForKey('21', 6)).toBe(toPositive(-973932308) % 6);
    expect(partitionForKey('foobar', 3)).toBe(toPositive(-790332482) % 3);
    for (let i = 0; i < 50; i++)
      expect(partitionForKey(`k${i}`, 7)).toBe(partitionForKey(`k${i}`, 7));
  });

  it('encodes keys as UTF-8 like StringSerializer', () => {
    expect([...utf8('é')]).toEqual([0xc3, 0xa9]);
    expect([...utf8('订单')]).toEqual([0xe8, 0xae, 0xa2, 0xe5, 0x8d, 0x95]);
  });

  it('the custom key-modulo rule uses the number in the key', () => {
    expect(keyModulo('k7', 3)).toBe(1);
    expect(keyModulo('order-12', 4)).toBe(0);
  });

  it('null keys stick to one partition for batch.size bytes, then move', () => {
    const s = new StickyPartitioner(new Rng(1), 1000);
    const first = Array.from({ length: 10 }, () => s.next(6, 100));
    expect(new Set(first).size).toBe(1);
    const next = s.next(6, 100);
    expect(next).not.toBe(first[0]);
  });
});

describe('replica placement (AdminUtils.assignReplicasToBrokersRackUnaware)', () => {
  it("matches Kafka's expected assignment for 5 brokers, 10 partitions, RF 3, start index 0", () => {
    const got = assignReplicas([0, 1, 2, 3, 4], 10, 3, 0);
    expect(got).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 0],
      [4, 0, 1],
      [0, 2, 3],
      [1, 3, 4],
      [2, 4, 0],
      [3, 0, 1],
      [4, 1, 2],
    ]);
  });

  it('spreads leaders over the brokers, never places a broker twice in a partition', () => {
    const got = assignReplicas(['b1', 'b2', 'b3'], 6, 3, 2);
    const leaders = got.map((r) => r[0]);
    expect(new Set(leaders).size).toBe(3);
    for (const r of got) expect(new Set(r).size).toBe(3);
  });
});
