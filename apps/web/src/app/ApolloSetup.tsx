import { createContext, useContext, useState, type ReactNode } from "react";
import { ApolloProvider } from "@apollo/client/react";
import { createApolloClient } from "./apollo";

const ReconnectContext = createContext<() => void>(() => undefined);

/** The client lives for the page's lifetime; signing in or out reconnects its WebSocket. */
export function ApolloSetup({ children }: { children: ReactNode }) {
  const [{ client, reconnect }] = useState(createApolloClient);
  return (
    <ApolloProvider client={client}>
      <ReconnectContext.Provider value={reconnect}>{children}</ReconnectContext.Provider>
    </ApolloProvider>
  );
}

export function useApolloReconnect(): () => void {
  return useContext(ReconnectContext);
}
