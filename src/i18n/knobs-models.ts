/**
 * The editor's explanations of the request-path knobs (curriculum A2), in zh and en. Spread into
 * `KNOB_DOCS`; a name here must not be used with another meaning elsewhere in the format.
 */
export const MODELS_KNOB_DOCS: Readonly<Record<string, { en: string; zh: string }>> = {
  requestPath: {
    en: 'Model knob: each publish is a user request to system A, which writes locally then calls services B, C, D (sync) or publishes (async).',
    zh: '模型参数：每次发送就是用户对上游系统的一次请求；它先写本地库，再依次同步调用下游服务，或者只发一条消息就返回（见 calls）。',
  },
  calls: {
    en: 'sync: A calls every service in turn and answers after the last; async: A publishes, answers, and the consumers make the calls.',
    zh: 'sync：上游系统依次调用每个服务，最后一个返回后才响应用户；async：发完消息就响应，由消费者去调用这些服务。',
  },
  localWriteMs: {
    en: "Model knob: system A's own database write, first in every request (the notes: 3 ms).",
    zh: '模型参数：上游系统写自己数据库的耗时，每个请求都先做这一步（原笔记：3 ms）。',
  },
  services: {
    en: 'Downstream services of the request path, called in this order (the notes: B 300 ms, C 450 ms, D 200 ms).',
    zh: '请求链路上的下游服务，按此顺序调用（原笔记里三个服务分别要 300、450、200 ms）。',
  },
  receiveMode: {
    en: 'push: the broker pushes (basic.consume); pull: basic.get, polled; long-poll: the broker holds an empty request until a message comes.',
    zh: 'push：broker 主动推送（basic.consume）；pull：用 basic.get 轮询；long-poll：没有消息时 broker 挂起请求，等到消息再返回。',
  },
  pollIntervalMs: {
    en: 'Model knob, pull only: how long to wait after an empty basic.get before polling again (default 100 ms).',
    zh: '模型参数，仅用于拉取模式：basic.get 拿到空结果后，等多久再拉一次（默认 100 ms）。',
  },
  longPollWaitMs: {
    en: 'Long-poll only: how long the broker holds a request that found nothing (default 15 s, as RocketMQ suspends a pull).',
    zh: '仅 long-poll：请求没拿到消息时 broker 最多挂起多久（默认 15 秒，与 RocketMQ 挂起拉取请求的时长一致）。',
  },
  serviceMs: {
    en: 'Model knob: how long the service takes to answer one call (its own database write).',
    zh: '模型参数：该服务应答一次调用的耗时（写它自己的数据库）。',
  },
  singleActiveConsumer: {
    en: 'x-single-active-consumer (RabbitMQ 3.8+): only one consumer of the queue gets messages; the others wait until it leaves.',
    zh: 'x-single-active-consumer（RabbitMQ 3.8+）：队列同一时刻只有一个消费者能收到消息，其余的等它离开才接手。',
  },
  stopMs: {
    en: 'When the consumer cancels its subscription (basic.cancel): it finishes and acks what it holds, then takes nothing more.',
    zh: '消费者在这个时刻取消订阅（basic.cancel）：处理并 ack 完手里的消息后，不再接收新消息。',
  },
  workers: {
    en: 'Model knob: worker threads inside one consumer, each with its own in-memory queue (curriculum D2).',
    zh: '模型参数：一个消费者内部的工作线程，每个线程有自己的内存队列（课程 D2）。',
  },
  dispatch: {
    en: 'round-robin: the next worker or queue in turn; by-key: Math.abs(key.hashCode()) % n, so one key always goes to the same one.',
    zh: 'round-robin：轮流交给下一个线程或队列；by-key：按 key 的哈希值对线程数（或队列数）取模分发，同一个 key 总是进同一个。',
  },
  forward: {
    en: 'Consumer: forward each message to a new queue and ack it instead of processing it. Scenario: the new queues and their consumers (F1).',
    zh: '在消费者上：不处理消息，只把每条消息转发到某个新队列再 ack。在场景上：这些新队列和它们的消费者（课程 F1）。',
  },
  consumersPerQueue: {
    en: 'Model knob: how many consumers start on each new forward queue.',
    zh: '模型参数：每个新建的转发队列上启动几个消费者。',
  },
};
