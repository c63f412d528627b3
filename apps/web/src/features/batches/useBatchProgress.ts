import { useCallback, useEffect, useRef, useState } from "react";
import { useApolloClient, useSubscription } from "@apollo/client/react";
import type { ErrorLike } from "@apollo/client";
import type { BatchItemsQuery } from "../../gql/graphql";
import { batchItemsQuery, batchProgressSubscription } from "./operations";
import {
  applyItemsPage,
  applyMessages,
  emptyLiveState,
  FINAL_BATCH,
  type LiveState,
  type ProgressMessage,
} from "./live-state";

const PAGE = 100;

/**
 * A batch, live: the batchProgress subscription (snapshot first, then coalesced messages) plus a
 * walk of the items connection for per-platform tallies. Messages are buffered and applied once per
 * animation frame, so a burst re-renders the page once.
 */
export function useBatchProgress(batchId: string) {
  const client = useApolloClient();
  const [state, setState] = useState<LiveState>(emptyLiveState);
  const [walkError, setWalkError] = useState<ErrorLike | null>(null);
  const buffer = useRef<ProgressMessage[]>([]);
  const frame = useRef<number | null>(null);
  // Hidden tabs get no animation frames; this still applies messages, at a slower pace.
  const fallback = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    setState(emptyLiveState);
    buffer.current = [];
  }, [batchId]);

  const flush = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    if (fallback.current !== null) clearTimeout(fallback.current);
    frame.current = null;
    fallback.current = null;
    const messages = buffer.current;
    buffer.current = [];
    if (messages.length) setState((s) => applyMessages(s, messages));
  }, []);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      if (fallback.current !== null) clearTimeout(fallback.current);
    },
    [],
  );

  const subscription = useSubscription(batchProgressSubscription, {
    variables: { batchId },
    onData: ({ data }) => {
      const event = data.data?.batchProgress;
      if (!event) return;
      buffer.current.push({ seq: event.seq, batch: event.batch, recentItems: event.recentItems });
      frame.current ??= requestAnimationFrame(flush);
      fallback.current ??= setTimeout(flush, 500);
    },
  });

  const final = state.batch ? FINAL_BATCH.has(state.batch.status) : false;
  const subscriptionError = subscription.error ?? null;
  // The walk reads every item's state from the items connection. It starts once the snapshot has
  // arrived (so nothing that happened before the subscription is missed) and runs again when the
  // batch is final, which makes the per-platform tallies exact whatever the live messages dropped.
  const walkRound = subscriptionError ? "fallback" : state.messages === 0 ? null : final ? "final" : "live";

  useEffect(() => {
    if (walkRound === null) return;
    let cancelled = false;
    setWalkError(null);
    async function walk() {
      let after: string | null = null;
      for (;;) {
        const result: { data?: BatchItemsQuery | undefined } = await client.query({
          query: batchItemsQuery,
          variables: { id: batchId, first: PAGE, after },
          fetchPolicy: "no-cache",
        });
        if (cancelled) return;
        const items = result.data?.batch?.items;
        if (!items) return;
        const complete = !items.pageInfo.hasNextPage;
        setState((s) =>
          applyItemsPage(
            s,
            items.edges.map((e) => e.node),
            complete,
          ),
        );
        if (complete || !items.pageInfo.endCursor) return;
        after = items.pageInfo.endCursor;
      }
    }
    walk().catch((e: unknown) => {
      if (!cancelled) setWalkError(e instanceof Error ? e : new Error(String(e)));
    });
    return () => {
      cancelled = true;
    };
  }, [client, batchId, walkRound]);

  return { state, final, subscriptionError, walkError, connected: state.messages > 0 };
}
