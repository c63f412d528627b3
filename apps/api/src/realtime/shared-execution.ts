import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from "graphql";

/**
 * graphql-ws runs a subscription's selection once per subscriber per event. A batch feed hands the
 * same message object to every subscriber of that batch, so 500 subscribers would mean 500 identical
 * executions of one message. This executes each (message, document, variables, permissions) once
 * and shares the result; what differs between callers (their permissions) is part of the key.
 */
export function sharedSubscribe(keyOfContext: (context: unknown) => string) {
  const results = new WeakMap<object, Map<string, Promise<ExecutionResult> | ExecutionResult>>();
  const documents = new WeakMap<object, string>();

  const run = (args: ExecutionArgs, payload: unknown): Promise<ExecutionResult> | ExecutionResult => {
    if (typeof payload !== "object" || payload === null) return execute({ ...args, rootValue: payload });
    let doc = documents.get(args.document);
    if (doc === undefined) documents.set(args.document, (doc = print(args.document)));
    const key = `${doc}\n${JSON.stringify(args.variableValues ?? {})}\n${args.operationName ?? ""}\n${keyOfContext(args.contextValue)}`;
    let perPayload = results.get(payload);
    if (!perPayload) results.set(payload, (perPayload = new Map()));
    let result = perPayload.get(key);
    if (!result) perPayload.set(key, (result = execute({ ...args, rootValue: payload })));
    return result;
  };

  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
    const source = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    // Closing the mapped iterator must close the source: that releases the Redis subscription.
    const mapped: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const r = await source.next();
        return r.done ? { value: undefined, done: true } : { value: await run(args, r.value), done: false };
      },
      async return() {
        await source.return?.();
        return { value: undefined, done: true };
      },
      async throw(error: unknown) {
        await source.return?.();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return mapped;
      },
    };
    return mapped;
  };
}
