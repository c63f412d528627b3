import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from "react";
import { ApolloProvider } from "@apollo/client/react";
import { createApolloClient } from "./apollo";
import type { SocketStatus, SocketStatusStore } from "./socket-status";

const ReconnectContext = createContext<() => void>(() => undefined);
const idle: SocketStatusStore = {
  get: () => ({ state: "idle", connections: 0 }),
  subscribe: () => () => undefined,
};
const SocketContext = createContext<SocketStatusStore>(idle);

/** The client lives for the page's lifetime; signing in or out reconnects its WebSocket. */
export function ApolloSetup({ children }: { children: ReactNode }) {
  const [{ client, reconnect, socket }] = useState(createApolloClient);
  return (
    <ApolloProvider client={client}>
      <SocketContext.Provider value={socket}>
        <ReconnectContext.Provider value={reconnect}>{children}</ReconnectContext.Provider>
      </SocketContext.Provider>
    </ApolloProvider>
  );
}

export function useApolloReconnect(): () => void {
  return useContext(ReconnectContext);
}

/** The subscriptions' WebSocket as it really is, re-rendering on every change. */
export function useSocketStatus(): SocketStatus {
  const store = useContext(SocketContext);
  return useSyncExternalStore(store.subscribe, store.get);
}
