/**
 * An async iterator fed by push(). When the consumer stops (client unsubscribes or disconnects),
 * graphql-ws calls return(), which runs onClose: that is where Redis subscriptions are released.
 */
export interface Pushable<T> extends AsyncIterableIterator<T> {
  push(value: T): void;
  end(): void;
}

export function pushable<T>(onClose: () => void): Pushable<T> {
  const queue: T[] = [];
  let waiting: ((r: IteratorResult<T>) => void) | null = null;
  let done = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    onClose();
  };
  const it: Pushable<T> = {
    push(value) {
      if (done) return;
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value, done: false });
      } else queue.push(value);
    },
    end() {
      done = true;
      if (waiting && queue.length === 0) {
        const w = waiting;
        waiting = null;
        w({ value: undefined, done: true });
      }
      close();
    },
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      done = true;
      queue.length = 0;
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value: undefined, done: true });
      }
      close();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(e) {
      close();
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
}
