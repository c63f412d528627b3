import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { RetryLink } from "@apollo/client/link/retry";
import { ServerError } from "@apollo/client/errors";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { relayStylePagination } from "@apollo/client/utilities";
import { OperationTypeNode } from "graphql";
import { createClient } from "graphql-ws";
import { session } from "../auth/session";
import { retryDelayMs, shouldRetry, type FailedRequest } from "./retry";
import { watchSocket, type SocketStatusStore } from "./socket-status";

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
    // Back within a second or two after a blip; never hammering a server that is down.
    retryWait: (retries) =>
      new Promise((resolve) =>
        setTimeout(resolve, Math.min(250 * 2 ** retries, 8_000) + Math.random() * 250),
      ),
    // Frequent pings so a silently dropped connection is noticed in seconds (see socket-status.ts).
    keepAlive: 5_000,
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
          deadLetters: relayStylePagination(["platform", "errorClass", "group"]),
          deadLetterGroups: relayStylePagination(["platform"]),
          syncLogs: relayStylePagination([
            "productId",
            "batchId",
            "search",
            "channelId",
            "outcome",
            "errorClass",
            "from",
            "to",
          ]),
        },
      },
      // Queue stats have no id; one per queue name.
      QueueStats: { keyFields: ["name"] },
      // A group is its cause; its counts change as letters come and go.
      DeadLetterGroup: { keyFields: ["key"] },
      PageInfo: { keyFields: false },
      UserError: { keyFields: false },
    },
  });
}

export function createApolloClient(): {
  client: ApolloClient;
  reconnect: () => void;
  socket: SocketStatusStore;
} {
  const wsClient = createWsClient();
  const socket = watchSocket(wsClient);

  const http = new HttpLink({ uri: "/graphql" });
  const withAuth = new SetContextLink((prev) => {
    const value = authorization();
    return value ? { headers: { ...prev.headers, authorization: value } } : {};
  });

  const expiry = new ErrorLink(({ error }) => {
    // A credential the API no longer accepts (revoked, signed out everywhere, user disabled) is
    // answered 401 before any operation runs: that arrives as a ServerError, not as GraphQL errors.
    if (ServerError.is(error) && error.statusCode === 401) {
      session.expire();
      return;
    }
    if (!CombinedGraphQLErrors.is(error)) return;
    if (error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) session.expire();
  });

  const failure = (error: unknown, operation: ApolloLink.Operation): FailedRequest => {
    const mutation = operation.operationType === OperationTypeNode.MUTATION;
    if (ServerError.is(error)) {
      return { status: error.statusCode, retryAfter: error.response.headers.get("retry-after"), mutation };
    }
    // The rate limit answers 429 with a RATE_LIMITED GraphQL error, which arrives as such when the
    // response is application/graphql-response+json.
    const limited = CombinedGraphQLErrors.is(error)
      ? error.errors.find((e) => e.extensions?.code === "RATE_LIMITED")
      : undefined;
    if (limited) {
      const ms = Number(limited.extensions?.retryAfterMs);
      return { status: 429, retryAfter: Number.isFinite(ms) ? String(Math.ceil(ms / 1000)) : null, mutation };
    }
    return { status: error instanceof TypeError ? null : -1, retryAfter: null, mutation };
  };
  const retry = new RetryLink({
    attempts: (attempt, operation, error) => shouldRetry(attempt, failure(error, operation)),
    delay: (attempt, operation, error) => retryDelayMs(attempt, failure(error, operation)),
  });

  const link = ApolloLink.from([
    expiry,
    retry,
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
  return { client, reconnect, socket };
}
