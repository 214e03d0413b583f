/**
 * Storage as an operating system presents it: a write lands in the page cache at once and
 * survives a process crash; only an fsync makes it survive a power loss. Broker models choose
 * when to fsync (their flush policy); the kernel only keeps the two marks honest.
 */

/** An append-only file of entries, with how many of them are durable (fsynced). */
export class LogFile<T> {
  readonly entries: T[] = [];
  /** Entries [0, synced) are on disk; the rest sit in the page cache. */
  synced = 0;

  constructor(readonly name: string) {}

  get length(): number {
    return this.entries.length;
  }

  get unsynced(): number {
    return this.entries.length - this.synced;
  }

  append(entry: T): number {
    this.entries.push(entry);
    return this.entries.length - 1;
  }

  /** Marks entries below `upTo` durable; an fsync covers what was written when it started. */
  markSynced(upTo: number): void {
    this.synced = Math.max(this.synced, Math.min(upTo, this.entries.length));
  }

  /** Removes entries from `length` on (log truncation). Returns what was removed. */
  truncate(length: number): T[] {
    const removed = this.entries.splice(length);
    this.synced = Math.min(this.synced, this.entries.length);
    return removed;
  }

  /** Power loss: whatever was not fsynced is gone. Returns what was lost. */
  loseUnsynced(): T[] {
    return this.entries.splice(this.synced);
  }
}

export class Disk {
  private readonly files = new Map<string, LogFile<unknown>>();
  /** What the last power loss took, per file, for the model's recovery to report. */
  lastPowerLoss = new Map<string, unknown[]>();

  /** Opens (or creates) a log file. The type parameter is the model's promise about its entries. */
  log<T>(name: string): LogFile<T> {
    let f = this.files.get(name);
    if (!f) {
      f = new LogFile<unknown>(name);
      this.files.set(name, f);
    }
    return f as LogFile<T>;
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  delete(name: string): void {
    this.files.delete(name);
  }

  fileNames(): string[] {
    return [...this.files.keys()];
  }

  /** Drops every unsynced entry of every file; returns how many entries were lost. */
  powerLoss(): number {
    let lost = 0;
    this.lastPowerLoss = new Map();
    for (const [name, f] of this.files) {
      const gone = f.loseUnsynced();
      if (gone.length > 0) this.lastPowerLoss.set(name, gone);
      lost += gone.length;
    }
    return lost;
  }
}
