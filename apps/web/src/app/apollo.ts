import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { relayStylePagination } from "@apollo/client/utilities";
import { OperationTypeNode } from "graphql";
import { createClient } from "graphql-ws";
import { session } from "../auth/session";

function authorization(): string | undefined {
  const token = session.token();
  return token ? `Bearer ${token}` : undefined;
}

function createWsClient() {
  const protocol = location.protocol === "https:" ? "wss:" : "ws:";
  return createClient({
    url: `${protocol}//${location.host}/graphql`,
    // Read at every (re)connect, so a new sign-in is picked up without a page reload.
    connectionParams: () => {
      const value = authorization();
      return value ? { authorization: value } : {};
    },
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    keepAlive: 15_000,
  });
}

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // Appending lists (load more / infinite scroll). Products use explicit cursor pages instead,
          // keyed by every argument, because a table page is "page N", not "everything so far".
          batches: relayStylePagination(),
          deadLetters: relayStylePagination(["platform", "errorClass"]),
          syncLogs: relayStylePagination(["productId", "batchId"]),
        },
      },
      // Queue stats have no id; one per queue name.
      QueueStats: { keyFields: ["name"] },
      PageInfo: { keyFields: false },
      UserError: { keyFields: false },
    },
  });
}

export function createApolloClient(): { client: ApolloClient; reconnect: () => void } {
  const wsClient = createWsClient();

  const http = new HttpLink({ uri: "/graphql" });
  const withAuth = new SetContextLink((prev) => {
    const value = authorization();
    return value ? { headers: { ...prev.headers, authorization: value } } : {};
  });

  const expiry = new ErrorLink(({ error }) => {
    if (!CombinedGraphQLErrors.is(error)) return;
    const unauthenticated = error.errors.find((e) => e.extensions?.code === "UNAUTHENTICATED");
    if (unauthenticated) session.expire(unauthenticated.message);
  });

  const link = ApolloLink.from([
    expiry,
    ApolloLink.split(
      (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
      new GraphQLWsLink(wsClient),
      withAuth.concat(http),
    ),
  ]);

  const client = new ApolloClient({
    link,
    cache: createCache(),
    defaultOptions: { watchQuery: { fetchPolicy: "cache-and-network" } },
  });

  // A changed credential must reach the open WebSocket too: drop it, and graphql-ws reconnects
  // with the new connectionParams for the subscriptions still active.
  const reconnect = () => wsClient.terminate();
  return { client, reconnect };
}
