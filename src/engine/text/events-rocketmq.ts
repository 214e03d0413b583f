/**
 * Sentences for the RocketMQ model's journal entries (zh and en), for the entry shapes only the
 * RocketMQ model writes; `describeEvent` asks here first and falls back to the shared sentences.
 */
import type { EventLike } from './events';

type Data = Readonly<Record<string, string | number | boolean>>;
type Pair = { en: string; zh: string };

const s = (d: Data, k: string): string => {
  const v = d[k];
  return v === undefined ? '' : String(v);
};
/** `broker-a|orders|2` as people say it: `orders queue 2 on broker-a`. */
function queue(qkey: string): Pair {
  const [bn = '', t = '', q = '0'] = qkey.split('|');
  return { en: `${t} queue ${q} on ${bn}`, zh: `${bn} 上 ${t} 的队列 ${q}` };
}

const MODE_ZH: Readonly<Record<string, string>> = { sync: '同步', async: '异步', oneway: '单向' };
const WHY: Readonly<Record<string, Pair>> = {
  start: { en: 'on start', zh: '启动时' },
  periodic: { en: 'periodic', zh: '定期' },
  notified: { en: 'the group changed', zh: '消费组发生变化' },
};

const DROPS: Readonly<Record<string, Pair>> = {
  'power-loss-unflushed': {
    en: 'were lost with the page cache when the machine lost power (not yet flushed, no slave copy)',
    zh: '在机器断电时随 PageCache 一起丢失（尚未刷盘，也没有 slave 副本）',
  },
  'disk-failed': {
    en: 'were lost with the failed disk (no slave had them yet)',
    zh: '随损坏的磁盘一起丢失（还没有 slave 拿到它们）',
  },
  'slave-resync': {
    en: 'were cut from the slave to match its restarted master, which had lost them',
    zh: '被从 slave 上截掉，以便与重启后已丢失这些消息的 master 保持一致',
  },
  'broadcast-consume-failed': {
    en: 'failed in a BROADCASTING consumer and were dropped (no retry in broadcasting)',
    zh: '在 BROADCASTING 消费者中消费失败后被丢弃（广播模式不重试）',
  },
  'transaction-check-max': {
    en: 'were discarded as rolled back after transactionCheckMax check-backs without an answer',
    zh: '回查 transactionCheckMax 次仍未得到结果，被当作回滚丢弃',
  },
};

/** The sentence for a RocketMQ entry, or null when the shared sentences apply. */
export function describeRocketMq(e: EventLike, m: Pair): Pair | null {
  const d: Data = e.data ?? {};
  const N = e.node;
  const reason = s(d, 'reason');
  switch (e.kind) {
    case 'fault-armed':
      if (d['kind'] === 'wipe-write-perm')
        return {
          en: `mqadmin wipeWritePerm: ${s(d, 'nameServers')} NameServer(s) cleared the write permission of ${s(d, 'brokerName')}; producers stop choosing its queues at their next route fetch, consumers still read it`,
          zh: `mqadmin wipeWritePerm：${s(d, 'nameServers')} 个 NameServer 去掉了 ${s(d, 'brokerName')} 的写权限；生产者下次拉取路由后不再选择它的队列，消费者仍然从它读取`,
        };
      return d['kind'] === 'disk-failure'
        ? { en: `The disk of ${N} failed for good`, zh: `${N} 的磁盘永久损坏` }
        : null;
    case 'remove':
      if (reason === 'route-expired')
        return {
          en: `${N} removed ${s(d, 'broker')} (${s(d, 'brokerName')}) from its routes: no registration for BROKER_CHANNEL_EXPIRED_TIME`,
          zh: `${N} 把 ${s(d, 'broker')}（${s(d, 'brokerName')}）从路由中删除：超过 BROKER_CHANNEL_EXPIRED_TIME 没有注册`,
        };
      if (reason === 'route-channel-closed')
        return {
          en: `${N} removed ${s(d, 'broker')} (${s(d, 'brokerName')}) from its routes: its connection closed`,
          zh: `${N} 把 ${s(d, 'broker')}（${s(d, 'brokerName')}）从路由中删除：它的连接已关闭`,
        };
      return null;
    case 'route':
      if (reason !== 'selector-remap') return null;
      return {
        en: `${N}'s selector sent key ${s(d, 'key')} to queue ${s(d, 'toQueue')} of ${s(d, 'to')} instead of queue ${s(d, 'fromQueue')} of ${s(d, 'from')}: its route now has ${s(d, 'queues')} writable queues, not ${s(d, 'before')}`,
        zh: `${N} 的选择器把订单号 ${s(d, 'key')} 发到 ${s(d, 'to')} 的队列 ${s(d, 'toQueue')}，而不是 ${s(d, 'from')} 的队列 ${s(d, 'fromQueue')}：它的路由中可写队列从 ${s(d, 'before')} 个变成了 ${s(d, 'queues')} 个`,
      };
    case 'publish':
    case 'publish-retry':
      if (d['brokerName'] === undefined) return null;
      return e.kind === 'publish'
        ? {
            en: `${N} sent ${m.en} (${s(d, 'mode')}) to ${s(d, 'to')}, queue ${s(d, 'queue')}`,
            zh: `${N} 以${MODE_ZH[s(d, 'mode')] ?? ''}方式把${m.zh}发给 ${s(d, 'to')} 的队列 ${s(d, 'queue')}`,
          }
        : {
            en: `${N} sent ${m.en} again (retry ${s(d, 'attempt')}) to ${s(d, 'to')}, queue ${s(d, 'queue')}`,
            zh: `${N} 重新发送${m.zh}（第 ${s(d, 'attempt')} 次重试）到 ${s(d, 'to')} 的队列 ${s(d, 'queue')}`,
          };
    case 'append':
      if (d['topic'] === undefined) return null;
      return {
        en: `${N} appended ${m.en} to its CommitLog (${s(d, 'topic')}, queue ${s(d, 'queue')})`,
        zh: `${N} 把${m.zh}追加到 CommitLog（${s(d, 'topic')}，队列 ${s(d, 'queue')}）`,
      };
    case 'confirm-sent':
      if (d['status'] === undefined) return null;
      return {
        en: `${N} answered ${s(d, 'status')} for ${m.en}`,
        zh: `${N} 对${m.zh}返回 ${s(d, 'status')}`,
      };
    case 'confirm-received':
      if (d['status'] === undefined) return null;
      return {
        en: `${N} got ${s(d, 'status')} for ${m.en} from ${s(d, 'broker')}`,
        zh: `${N} 从 ${s(d, 'broker')} 收到${m.zh}的结果 ${s(d, 'status')}`,
      };
    case 'produce-error':
    case 'confirm-timeout':
      if (d['broker'] === undefined || d['partition'] !== undefined) return null;
      return {
        en: `${N}'s send of ${m.en} to ${s(d, 'broker')} failed: ${s(d, 'error')}`,
        zh: `${N} 发往 ${s(d, 'broker')} 的${m.zh}失败：${s(d, 'error')}`,
      };
    case 'reject':
      if (reason === 'async-send-failed')
        return {
          en: `${N} gave up on ${m.en} after ${s(d, 'attempts')} attempt(s), last on ${s(d, 'broker')} (${s(d, 'error')}): the callback got onException`,
          zh: `${N} 尝试 ${s(d, 'attempts')} 次后放弃了${m.zh}（最后一次发往 ${s(d, 'broker')}，${s(d, 'error')}）：回调收到 onException`,
        };
      if (reason === 'NO_ROUTE' || reason === 'SEND_FAILED')
        return {
          en: `${N} could not send ${m.en}: ${reason === 'NO_ROUTE' ? 'no writable queue in its route' : 'every attempt failed'}`,
          zh: `${N} 无法发送${m.zh}：${reason === 'NO_ROUTE' ? '路由中没有可写的队列' : '每次尝试都失败了'}`,
        };
      if (reason === 'SELECTOR_NULL')
        return {
          en: `${N} could not send ${m.en}: its selector's queue is not in the route (select message queue return null)`,
          zh: `${N} 无法发送${m.zh}：选择器要的队列不在路由中（select message queue return null）`,
        };
      return null;
    case 'assign':
      if (d['queues'] === undefined) return null;
      return {
        en: `${N} rebalanced (${WHY[s(d, 'why')]?.en ?? ''}) and now consumes ${
          s(d, 'queues')
            .split(',')
            .filter((x) => x).length
        } queues for ${s(d, 'group')}`,
        zh: `${N} 完成重平衡（${WHY[s(d, 'why')]?.zh ?? ''}），现在为 ${s(d, 'group')} 消费 ${
          s(d, 'queues')
            .split(',')
            .filter((x) => x).length
        } 个队列`,
      };
    case 'rebalance':
      if (d['members'] === undefined) return null;
      return d['reason'] === 'consumer-joined'
        ? {
            en: `${s(d, 'consumer')} joined consumer group ${N}; members: ${s(d, 'members')}`,
            zh: `${s(d, 'consumer')} 加入消费组 ${N}；成员：${s(d, 'members')}`,
          }
        : {
            en: `${s(d, 'consumer')} left consumer group ${N}; members: ${s(d, 'members') || 'none'}`,
            zh: `${s(d, 'consumer')} 离开消费组 ${N}；成员：${s(d, 'members') || '无'}`,
          };
    case 'offset-commit': {
      if (d['qkey'] === undefined) return null;
      const q = queue(s(d, 'qkey'));
      return {
        en: `${N} stored offset ${s(d, 'offset')} of ${s(d, 'consumerGroup')} for ${q.en}`,
        zh: `${N} 保存了 ${s(d, 'consumerGroup')} 在${q.zh}上的消费位点 ${s(d, 'offset')}`,
      };
    }
    case 'requeue':
      if (reason === 'reconsume-later')
        return {
          en: `${N}'s listener returned RECONSUME_LATER for ${m.en}: it goes back through %RETRY%`,
          zh: `${N} 的监听器对${m.zh}返回 RECONSUME_LATER：它将经由 %RETRY% 重新投递`,
        };
      if (reason === 'suspend-current-queue')
        return {
          en: `${N}'s orderly listener failed on ${m.en}: the queue pauses, then consumes it again`,
          zh: `${N} 的顺序监听器消费${m.zh}失败：队列暂停片刻后重新消费它`,
        };
      if (reason === 'resume-from-persisted-offset') {
        const q = queue(s(d, 'qkey'));
        return {
          en: `${N} resumed ${q.en} from persisted offset ${s(d, 'offset')}, behind ${s(d, 'previous')}: ${m.en} will be consumed again`,
          zh: `${N} 从持久化的位点 ${s(d, 'offset')} 恢复${q.zh}，落后于 ${s(d, 'previous')}：${m.zh}将被再次消费`,
        };
      }
      return null;
    case 'drop': {
      if (reason === 'consume-from-last-offset') {
        const q = queue(s(d, 'qkey'));
        return {
          en: `${N} started ${q.en} at the last offset (CONSUME_FROM_LAST_OFFSET): ${m.en} will never be consumed by ${s(d, 'group')}`,
          zh: `${N} 从最新位点开始消费${q.zh}（CONSUME_FROM_LAST_OFFSET）：${s(d, 'group')} 永远不会消费${m.zh}`,
        };
      }
      const w = DROPS[reason];
      return w ? { en: `${m.en} on ${N} ${w.en}`, zh: `${N} 上的${m.zh}${w.zh}` } : null;
    }
    case 'txn-commit':
      if (d['by'] === undefined) return null;
      return d['by'] === 'check'
        ? {
            en: `${N} committed the half message ${m.en} after a check-back`,
            zh: `${N} 在事务回查之后提交了半消息${m.zh}`,
          }
        : {
            en: `${N} committed the half message ${m.en}: consumers can read it now`,
            zh: `${N} 提交了半消息${m.zh}：消费者现在可以读到它`,
          };
    case 'txn-abort':
      if (d['by'] === undefined) return null;
      return {
        en: `${N} rolled back the half message ${m.en}`,
        zh: `${N} 回滚了半消息${m.zh}`,
      };
    case 'dead-letter':
      if (d['dlq'] === undefined) return null;
      return {
        en: `${N} moved ${m.en} to ${s(d, 'dlq')} after ${s(d, 'reconsumeTimes')} retries (maxReconsumeTimes)`,
        zh: `${N} 在重试 ${s(d, 'reconsumeTimes')} 次后把${m.zh}转入 ${s(d, 'dlq')}（maxReconsumeTimes）`,
      };
    default:
      return null;
  }
}
