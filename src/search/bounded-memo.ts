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
      // (A key held with the value undefined is computed again, and keeps its place in the ring.)
      if (!this.entries.has(key)) this.remember(key);
      this.entries.set(key, value);
    }
    return value;
  }

  // (Deleting the Map's first key instead would walk past every earlier deletion: V8 compacts a Map only as it grows.)
  private remember(key: K): void {
    if (this.order.length < this.size) return void this.order.push(key);
    this.entries.delete(this.order[this.next]!);
    this.order[this.next] = key;
    this.next = (this.next + 1) % this.size;
  }
}
