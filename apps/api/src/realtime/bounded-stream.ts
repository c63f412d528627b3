/**
 * Reads `source` as fast as it produces and holds at most `max` values the consumer has not taken.
 * graphql-ws takes the next value only once the previous message left the socket, so for a client
 * that reads too slowly the values pile up here (instead of in Redis listeners without bound); the
 * value after the `max`-th ends the stream and calls `onOverflow` (which closes the socket).
 */
export function boundedStream<T>(
  source: AsyncIterator<T>,
  max: number,
  onOverflow: () => void,
): AsyncIterableIterator<T> & { readonly queued: number } {
  const queue: T[] = [];
  let waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | null = null;
  let finished = false;
  let failure: { error: unknown } | null = null;

  const settle = () => {
    if (!waiting) return;
    const w = waiting;
    if (queue.length > 0) {
      waiting = null;
      w.resolve({ value: queue.shift()!, done: false });
    } else if (failure) {
      waiting = null;
      w.reject(failure.error);
    } else if (finished) {
      waiting = null;
      w.resolve({ value: undefined, done: true });
    }
  };
  const stop = () => {
    if (finished) return;
    finished = true;
    void Promise.resolve(source.return?.()).catch(() => undefined);
  };

  void (async () => {
    try {
      while (!finished) {
        const r = await source.next();
        if (finished) break;
        if (r.done) {
          finished = true;
          break;
        }
        if (queue.length >= max && !waiting) {
          queue.length = 0;
          stop();
          onOverflow();
          break;
        }
        queue.push(r.value);
        settle();
      }
    } catch (error) {
      if (!finished) failure = { error };
      finished = true;
    }
    settle();
  })();

  const it = {
    get queued() {
      return queue.length;
    },
    next(): Promise<IteratorResult<T>> {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
      if (failure) return Promise.reject(failure.error);
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise<IteratorResult<T>>((resolve, reject) => (waiting = { resolve, reject }));
    },
    return(): Promise<IteratorResult<T>> {
      queue.length = 0;
      stop();
      settle();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error: unknown): Promise<IteratorResult<T>> {
      queue.length = 0;
      stop();
      settle();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
}
