/** A map that forgets its oldest entries past a size: a memo of pure results. */
export class BoundedMemo<K, V> {
  private readonly entries = new Map<K, V>();
  /** Keys in the order they came, in a ring: the oldest is the one the next entry replaces. */
  private readonly order: K[] = [];
  private next = 0;

  constructor(private readonly size: number) {}

  get(key: K, compute: (key: K) => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      value = compute(key);
      // (Deleting the Map's first key instead would walk past every earlier deletion: V8 compacts a Map only as it grows.)
      if (this.order.length < this.size) this.order.push(key);
      else {
        this.entries.delete(this.order[this.next]!);
        this.order[this.next] = key;
        this.next = (this.next + 1) % this.size;
      }
      this.entries.set(key, value);
    }
    return value;
  }
}
