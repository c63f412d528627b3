import type { Client } from "graphql-ws";

/**
 * The WebSocket's real state, as graphql-ws reports it: what the live badges show. `idle` means no
 * subscription needs the socket (it is lazy); `reconnecting` means it was up and is being re-opened.
 */
export type SocketState = "idle" | "connecting" | "connected" | "reconnecting";

export interface SocketStatus {
  state: SocketState;
  /** Times the socket has (re)connected, so a page can tell a fresh connection from an old one. */
  connections: number;
}

export interface SocketStatusStore {
  get: () => SocketStatus;
  subscribe: (listener: () => void) => () => void;
}

/** How long a ping may go unanswered before the socket counts as lost (a silent network drop). */
const PONG_TIMEOUT_MS = 3_000;

export function watchSocket(client: Client): SocketStatusStore {
  let status: SocketStatus = { state: "idle", connections: 0 };
  const listeners = new Set<() => void>();
  const set = (next: Partial<SocketStatus>) => {
    status = { ...status, ...next };
    for (const l of listeners) l();
  };
  let pongTimer: ReturnType<typeof setTimeout> | null = null;
  const clearPong = () => {
    if (pongTimer !== null) clearTimeout(pongTimer);
    pongTimer = null;
  };

  client.on("connecting", () => set({ state: status.connections > 0 ? "reconnecting" : "connecting" }));
  client.on("connected", () => set({ state: "connected", connections: status.connections + 1 }));
  client.on("closed", (event) => {
    clearPong();
    // 1000 is the lazy close once no subscription is left; anything else is a loss that graphql-ws
    // retries (or, for a fatal code, reports to the subscriptions as an error).
    const code = (event as { code?: number } | undefined)?.code;
    if (code === 1000) set({ state: "idle" });
    else set({ state: status.connections > 0 ? "reconnecting" : "connecting" });
  });
  client.on("ping", (received) => {
    if (received) return;
    clearPong();
    pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
  });
  client.on("pong", (received) => {
    if (received) clearPong();
  });
  // The browser knows before any timeout that the network went away.
  window.addEventListener("offline", () => {
    if (status.state === "connected") client.terminate();
  });

  return {
    get: () => status,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
