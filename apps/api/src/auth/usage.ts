/**
 * Remembers when each credential's last_used_at was last written, so a busy key costs one UPDATE a
 * minute instead of one per request. Per process: with several replicas a key may be written once
 * a minute by each, which is still bounded.
 */
export class UsageDebounce {
  private readonly written = new Map<string, number>();

  constructor(
    private readonly intervalMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** True when `id` is due a write at `now` (and records that it is being written). */
  due(id: string, now: number): boolean {
    const last = this.written.get(id);
    if (last !== undefined && now - last < this.intervalMs) return false;
    if (this.written.size >= this.maxEntries) this.written.clear();
    this.written.set(id, now);
    return true;
  }
}
