/** Consumer keys: a connection's channels as `id#chN`, channel 0 being the connection itself. */
import type { Network } from '../../kernel/network';
import type { SimNode } from '../../kernel/sim';
import type { Wire } from './protocol';

/**
 * A channel's consumer key: channel 0 is the connection's own id (the default single channel),
 * channel n > 0 is `id#chn`.
 */
export function chanKey(conn: string, channel?: number): string {
  return channel ? `${conn}#ch${channel}` : conn;
}

/** The channel number of a consumer key. */
export function chanOf(key: string): number {
  const m = /#ch(\d+)$/.exec(key);
  return m ? Number(m[1]) : 0;
}

/** The connection (client id) of a consumer key. */
export function connOf(key: string): string {
  return key.replace(/#ch\d+$/, '');
}

/** The consumer keys (channels) of one client connection. */
export function channelsOf(map: Map<string, unknown>, conn: string): string[] {
  return [...map.keys()].filter((k) => k === conn || k.startsWith(`${conn}#ch`));
}

/** What `sendToLiveMembers` needs of its node. */
export interface MemberSender extends SimNode {
  readonly peerUp: ReadonlyMap<string, boolean>;
  readonly shared: { nodeById(id: string): SimNode | undefined };
  readonly net: Network<Wire>;
}

/**
 * Sends `make()` (a fresh message each) to every other member of a queue this node can see, in
 * membership order: replication, deletions and proposals all go the same way.
 */
export function sendToLiveMembers(
  self: MemberSender,
  members: readonly string[],
  make: () => Wire,
): void {
  for (const member of members) {
    if (member === self.id || !self.peerUp.get(member)) continue;
    const peer = self.shared.nodeById(member);
    if (peer) self.net.send(self, peer, make());
  }
}
