import { createGraphiQLFetcher, type Fetcher, type FetcherOpts } from "@graphiql/toolkit";
import {
  GraphQLError,
  getOperationAST,
  parse,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
} from "graphql";
import { createClient, type Client } from "graphql-ws";

/**
 * The playground's fetcher: queries and mutations over HTTP with the Headers tab as typed; each
 * subscription over a WebSocket that authenticates with the same credential — the Headers tab's
 * `Authorization`, else the dashboard session — so a partner with only an API key can subscribe.
 * A new credential opens a new socket (the server binds a socket to the credential it connected with).
 */
export function credentialFetcher(opts: {
  url: string;
  wsUrl: string;
  sessionToken: () => string | null;
}): Fetcher {
  const http = createGraphiQLFetcher({ url: opts.url });
  let socket: { authorization: string | null; client: Client } | null = null;

  const clientFor = (authorization: string | null): Client => {
    if (socket && socket.authorization === authorization) return socket.client;
    void socket?.client.dispose();
    const client = createClient({
      url: opts.wsUrl,
      connectionParams: authorization ? { authorization } : {},
      lazy: true,
      retryAttempts: 0,
    });
    socket = { authorization, client };
    return client;
  };

  return (params, fetcherOpts) => {
    const doc = fetcherOpts?.documentAST ?? parseOrNull(params.query);
    if (!doc || getOperationAST(doc, params.operationName ?? undefined)?.operation !== "subscription")
      return http(params, fetcherOpts);
    const session = opts.sessionToken();
    const authorization = headerValue(fetcherOpts, "authorization") ?? (session ? `Bearer ${session}` : null);
    return readable(clientFor(authorization).iterate(params));
  };
}

function parseOrNull(query: string): DocumentNode | null {
  try {
    return parse(query);
  } catch {
    return null;
  }
}

function headerValue(fetcherOpts: FetcherOpts | undefined, name: string): string | null {
  for (const [key, value] of Object.entries(fetcherOpts?.headers ?? {}))
    if (key.toLowerCase() === name && typeof value === "string" && value.trim()) return value.trim();
  return null;
}

/**
 * GraphiQL takes execution results with GraphQLError objects; the socket delivers their JSON. A closed
 * socket arrives as a CloseEvent, which GraphiQL would print as "[object CloseEvent]".
 */
async function* readable(results: AsyncIterable<FormattedExecutionResult>): AsyncGenerator<ExecutionResult> {
  try {
    for await (const r of results) {
      const errors = r.errors?.map(
        (e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions }),
      );
      yield { data: r.data, extensions: r.extensions, ...(errors ? { errors } : {}) };
    }
  } catch (e) {
    if (e instanceof CloseEvent) throw new Error(`Socket closed: ${e.code} ${e.reason}`.trim());
    throw e;
  }
}
