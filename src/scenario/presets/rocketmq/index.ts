/**
 * RocketMQ presets: curriculum rows E5 (master/slave) and H1-H9 (NameServer routes, send modes,
 * producer load balancing, clustering and broadcasting, rebalance, tags, transactions, delays,
 * retries and dead letters), and D3 (ordered messages when a broker group leaves). Menu order.
 */
import d3OrderedBrokerLeaves from './ordered-broker-leaves-d3.json';
import e5MasterSlave from './e5-master-slave.json';
import h1NameserverRoutes from './h1-nameserver-routes.json';
import h2SendModes from './h2-send-modes.json';
import h3LoadBalancing from './h3-load-balancing.json';
import h4ClusteringBroadcasting from './h4-clustering-broadcasting.json';
import h5Rebalance from './h5-rebalance.json';
import h6Tags from './h6-tags.json';
import h7Transactions from './h7-transactions.json';
import h8Delay from './h8-delay.json';
import h9RetryDlq from './h9-retry-dlq.json';

/** RocketMQ preset documents, in menu order. */
export const ROCKETMQ_PRESET_DOCUMENTS: readonly unknown[] = [
  e5MasterSlave,
  h1NameserverRoutes,
  h2SendModes,
  h3LoadBalancing,
  h4ClusteringBroadcasting,
  h5Rebalance,
  h6Tags,
  h7Transactions,
  h8Delay,
  h9RetryDlq,
  d3OrderedBrokerLeaves,
];
