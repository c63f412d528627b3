/**
 * At most one piece of work per key in flight: concurrent callers for the same key share its promise,
 * and the key is free again once it settles. Used where doing the work twice is wrong or wasteful —
 * a single-use refresh token, an image upload.
 */
export class SingleFlight<K, V> {
  private readonly inflight = new Map<K, Promise<V>>();

  run(key: K, work: () => Promise<V>): Promise<V> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = work().finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }
}
