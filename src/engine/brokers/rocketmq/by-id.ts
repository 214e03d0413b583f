/**
 * A number per message id, in a growable typed array: message ids are dense (0, 1, 2 ...), and a
 * run keeps a few such facts for every message (its latest publish, append and answer entries),
 * which in Maps cost far more memory and collector time than the numbers themselves.
 */
import type { MsgId } from '../../check/history';

export class ById {
  private a = new Int32Array(1024).fill(-1);

  /** The value for `id`, or undefined when none was set. */
  get(id: MsgId): number | undefined {
    const v = id < this.a.length ? (this.a[id] as number) : -1;
    return v < 0 ? undefined : v;
  }

  /** Sets a value (0 or more) for `id`. */
  set(id: MsgId, v: number): void {
    if (id >= this.a.length) {
      let n = this.a.length * 2;
      while (n <= id) n *= 2;
      const b = new Int32Array(n).fill(-1);
      b.set(this.a);
      this.a = b;
    }
    this.a[id] = v;
  }
}
