/**
 * The editor's explanations of the request-path knobs (curriculum A2), in zh and en. Spread into
 * `KNOB_DOCS`; a name here must not be used with another meaning elsewhere in the format.
 */
export const MODELS_KNOB_DOCS: Readonly<Record<string, { en: string; zh: string }>> = {
  requestPath: {
    en: 'Model knob: each publish is a user request to system A, which writes locally then calls services B, C, D (sync) or publishes (async).',
    zh: '模型参数：每次发送就是用户对系统 A 的一次请求；A 先写本地库，再同步调用服务 B、C、D（sync），或只发一条消息（async）。',
  },
  calls: {
    en: 'sync: A calls every service in turn and answers after the last; async: A publishes, answers, and the consumers make the calls.',
    zh: 'sync：A 依次调用每个服务，最后一个返回后才响应用户；async：A 发完消息就响应，由消费者去调用这些服务。',
  },
  localWriteMs: {
    en: "Model knob: system A's own database write, first in every request (the notes: 3 ms).",
    zh: '模型参数：系统 A 写自己数据库的耗时，每个请求都先做这一步（原笔记：3 ms）。',
  },
  services: {
    en: 'Downstream services of the request path, called in this order (the notes: B 300 ms, C 450 ms, D 200 ms).',
    zh: '请求链路上的下游服务，按此顺序调用（原笔记：B 300 ms、C 450 ms、D 200 ms）。',
  },
  serviceMs: {
    en: 'Model knob: how long the service takes to answer one call (its own database write).',
    zh: '模型参数：该服务应答一次调用的耗时（写它自己的数据库）。',
  },
};
