import { useCallback, useEffect, useRef, useState } from "react";
import { useApolloClient, useSubscription } from "@apollo/client/react";
import type { ErrorLike } from "@apollo/client";
import type { BatchItemsQuery } from "../../gql/graphql";
import { useSocketStatus } from "../../app/ApolloSetup";
import { batchItemsQuery, batchProgressSubscription, batchQuery } from "./operations";
import {
  applyItemsPage,
  applyMessages,
  applyPolled,
  emptyLiveState,
  FINAL_BATCH,
  isSettled,
  type LiveState,
  type ProgressMessage,
} from "./live-state";

const PAGE = 100;
/** Numbers not confirmed by the server for this long are marked stale. */
export const STALE_AFTER_MS = 3_000;
/** While the socket is down, `batch(id)` is read this often instead. */
const POLL_DOWN_MS = 2_000;
/** While it is up, a quiet read now and then catches a feed that stalled with the socket open. */
const POLL_UP_MS = 10_000;

/** What the live badge says: the socket's real state, or that nothing more will change. */
export type LiveMode = "connecting" | "live" | "reconnecting" | "stopped" | "finished";

/**
 * A batch, live: the batchProgress subscription (snapshot first, then coalesced messages), polling of
 * `batch(id)` whenever the socket is not live, plus a walk of the items connection for the feed.
 * Messages are buffered and applied once per animation frame, so a burst re-renders the page once.
 */
export function useBatchProgress(batchId: string) {
  const client = useApolloClient();
  const socket = useSocketStatus();
  const [state, setState] = useState<LiveState>(emptyLiveState);
  const [walkError, setWalkError] = useState<ErrorLike | null>(null);
  /** When the shown numbers were last confirmed by the server (a message, a poll, a live socket). */
  const [freshAt, setFreshAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
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
    if (messages.length) {
      setState((s) => applyMessages(s, messages));
      setFreshAt(Date.now());
    }
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

  const settled = state.batch ? isSettled(state.batch) : false;
  const statusFinal = state.batch ? FINAL_BATCH.has(state.batch.status) : false;
  const subscriptionError = subscription.error ?? null;
  const live = !subscriptionError && socket.state === "connected" && state.messages > 0;
  const mode: LiveMode = settled
    ? "finished"
    : subscriptionError
      ? "stopped"
      : live
        ? "live"
        : socket.state === "reconnecting" || state.messages > 0
          ? "reconnecting"
          : "connecting";

  // The numbers were current up to the moment the socket stopped being live.
  const wasLive = useRef(false);
  useEffect(() => {
    if (wasLive.current && !live) setFreshAt(Date.now());
    wasLive.current = live;
  }, [live]);

  const poll = useCallback(async () => {
    const result = await client.query({
      query: batchQuery,
      variables: { id: batchId },
      fetchPolicy: "network-only",
    });
    const batch = result.data?.batch;
    if (!batch) return;
    setState((s) => applyPolled(s, batch));
    setFreshAt(Date.now());
  }, [client, batchId]);

  // Polling: often while the socket is down (so the page keeps moving and sees the batch end), rarely
  // while it is up (so a feed that stalled behind an open socket is still caught).
  useEffect(() => {
    if (settled) return;
    const every = live ? POLL_UP_MS : POLL_DOWN_MS;
    let stopped = false;
    const tick = () => void poll().catch(() => undefined);
    // The first read waits a moment: at page open the snapshot usually arrives first.
    const first = setTimeout(tick, live ? every : 1_000);
    const timer = setInterval(() => !stopped && tick(), every);
    return () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [poll, live, settled]);

  // A clock for the stale marker, only while it can change.
  useEffect(() => {
    if (live || settled) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [live, settled]);

  const ageMs = live || settled ? 0 : Math.max(0, now - freshAt);
  const stale = ageMs > STALE_AFTER_MS;

  const retry = useCallback(() => {
    subscription.restart();
    void poll().catch(() => undefined);
  }, [subscription, poll]);

  // The walk reads every item's state from the items connection. It starts once the snapshot has
  // arrived (so nothing that happened before the subscription is missed) and runs again when the
  // batch is settled, which makes the feed exact whatever the live messages dropped.
  const walkRound = subscriptionError
    ? "fallback"
    : state.messages === 0
      ? settled
        ? "final"
        : null
      : settled
        ? "final"
        : "live";

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

  return {
    state,
    /** Final status and nothing in flight: the numbers will not change again. */
    final: settled,
    /** The status is final (no more cancelling), though running items may still be finishing. */
    statusFinal,
    mode,
    stale,
    ageMs,
    subscriptionError,
    walkError,
    retry,
    connected: live,
  };
}
