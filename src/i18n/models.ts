/**
 * UI words for the model mechanisms of curriculum A2, F1 and I3 (request path, services,
 * run statistics), in both UI languages. Kept apart from strings.ts so the tables there only
 * gain one spread line each.
 */
export const MODELS_ROLES: { zh: { service: string }; en: { service: string } } = {
  zh: { service: '下游服务' },
  en: { service: 'service' },
};

/** Inspector labels of the details the new nodes and clients report. */
export const MODELS_DETAIL_LABELS: { zh: Record<string, string>; en: Record<string, string> } = {
  zh: {
    answered: '已应答的调用',
    requests: '已应答的请求',
    lastLatencyMs: '最近一次请求耗时（毫秒）',
    calling: '等待应答的调用',
  },
  en: {
    answered: 'calls answered',
    requests: 'requests answered',
    lastLatencyMs: 'last request latency (ms)',
    calling: 'calls waiting for an answer',
  },
};

/** Names of the run statistics (`src/engine/stats.ts`) where a lesson shows them. */
export const STAT_NAMES: { zh: Record<string, string>; en: Record<string, string> } = {
  zh: {
    requests: '已应答的请求数',
    callerLatencyP50Ms: '调用方等待时间中位数（毫秒）',
    callerLatencyMaxMs: '调用方最长等待时间（毫秒）',
    backlogPeak: '积压峰值（条）',
    drainedAtMs: '积压清空的时刻（毫秒）',
    emptyPolls: '空轮询次数',
    queueWaitP50Ms: '消息在队列中等待时间中位数（毫秒）',
  },
  en: {
    requests: 'requests answered',
    callerLatencyP50Ms: 'median latency seen by the caller (ms)',
    callerLatencyMaxMs: 'longest latency seen by the caller (ms)',
    backlogPeak: 'peak backlog (messages)',
    drainedAtMs: 'backlog drained at (ms)',
    emptyPolls: 'empty polls',
    queueWaitP50Ms: 'median wait in the queue (ms)',
  },
};
