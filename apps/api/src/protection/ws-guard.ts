import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ValidationRule,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from "graphql";
import { boundedStream } from "../realtime/bounded-stream";
import { errorCodeOf, forbidden, rateLimited, unauthenticated } from "../auth/auth-errors";
import { ErrorCode } from "../graphql/errors";
import type { Authenticate } from "../auth/authenticate";
import type { CredentialChange } from "../auth/revocation";
import type { AuthViewer } from "../auth/viewer";
import { inputError } from "./input-guard";
import { checkQuery, type QueryLimits } from "./limits";
import { rateLimitKey, type RateLimiter } from "./rate-limiter";
import { WS_CLOSE } from "./ws-close-codes";

/** The parts of a graphql-ws server context the guard reads (structural, so any `Extra` fits). */
export interface WsContextLike {
  readonly connectionParams?: Readonly<Record<string, unknown>>;
  extra: unknown;
}

interface SubscribePayloadLike {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

interface Connection {
  extra: unknown;
  /** The Authorization value of connection_init, presented again for every operation. */
  header: string | undefined;
  /** The credential's state when last checked; operations run with it. */
  viewer: AuthViewer | null;
  ip: string | null;
  /** Index keys: `apiKey:<id>`, `user:<id>`, `session:<id>`. */
  keys: string[];
  expiryTimer?: NodeJS.Timeout;
  /** Set once the guard decided to close the socket: nothing more runs on it. */
  closing: boolean;
}

type Verdict = { viewer: AuthViewer } | { code: number; reason: string };

// setTimeout cannot wait longer than this; credentials expiring later are checked per subscribe only.
const MAX_TIMER_MS = 2_147_483_647;

function remoteIp(extra: unknown): string | null {
  const request = (extra as { request?: { socket?: { remoteAddress?: string } } } | null)?.request;
  return request?.socket?.remoteAddress ?? null;
}

/** Close reasons are limited to 123 bytes by the WebSocket protocol (ws throws beyond). */
function closeReason(reason: string): string {
  const bytes = Buffer.from(reason);
  return bytes.length <= 123
    ? reason
    : bytes
        .subarray(0, 120)
        .toString()
        .replace(/\uFFFD+$/, "") + "…";
}

function closeSocket(extra: unknown, code: number, reason: string): void {
  const socket = (extra as { socket?: { close?: (code: number, reason: string) => void } } | null)?.socket;
  socket?.close?.(code, closeReason(reason));
}

function credentialKeys(viewer: AuthViewer): string[] {
  const keys = [`${viewer.kind}:${viewer.id}`];
  if (viewer.sessionId) keys.push(`session:${viewer.sessionId}`);
  // A change of the key's creator (disabled) can end the key as well.
  if (viewer.kind === "apiKey" && viewer.ownerId) keys.push(`user:${viewer.ownerId}`);
  return keys;
}

function samePermissions(a: AuthViewer, b: AuthViewer): boolean {
  const scopes = (v: AuthViewer) => [...v.scopes].sort().join(",");
  return a.kind === b.kind && a.id === b.id && a.role === b.role && scopes(a) === scopes(b);
}

/**
 * With introspection off, `__schema` and `__type` are refused over the socket as Apollo refuses them
 * over HTTP (one error per such field; `__typename` stays allowed).
 */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === "__schema" || node.name.value === "__type") {
      context.reportError(
        new GraphQLError("Introspection is turned off on this API (INTROSPECTION_ENABLED)", {
          nodes: [node],
        }),
      );
    }
  },
});

export interface WsGuardDeps {
  authenticate: Authenticate;
  schema: GraphQLSchema;
  limits: QueryLimits;
  limiter?: RateLimiter;
  clock?: () => number;
  /** Refuse connections without a credential (every subscription needs one anyway): close 4401. */
  requireCredential?: boolean;
  /** The client's address (proxy-aware); default the TCP peer. */
  clientIp?: (extra: unknown) => string | null;
  /**
   * Re-checks every open socket's credential this often, for changes nobody announced (a CLI, SQL by
   * hand, a lost pub/sub message). Announced changes (revocation.ts) are handled at once. 0 = never.
   */
  revalidateEveryMs?: number;
  /** Open sockets one API key or person may hold on this instance; more are closed with 4429. */
  maxSocketsPerCredential?: number;
  /** Whether `__schema` / `__type` may be queried (INTROSPECTION_ENABLED), as over HTTP. Default true. */
  introspection?: boolean;
}

type Subscribe = (
  args: ExecutionArgs,
) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> | ExecutionResult;

/**
 * graphql-ws hooks and the socket registry behind them:
 * - onConnect: authenticates `connectionParams.authorization` (or `Authorization`); a bad credential
 *   closes the socket (4403), none closes it with 4401 when `requireCredential`. The socket is closed
 *   with 4401 when the credential expires.
 * - onSubscribe (every query, mutation and subscription): rate limit, then the credential is
 *   authenticated again with its current state — revoked, signed out, expired or disabled closes the
 *   socket with 4401, changed permissions with 4403 — then input and cost limits as over HTTP.
 * - credentialChanged: an announced change (revocation.ts) re-checks that credential's sockets now.
 * - onClose: forgets the connection.
 */
export function createWsGuard(deps: WsGuardDeps) {
  const now = deps.clock ?? Date.now;
  const rules = deps.introspection === false ? [...specifiedRules, noIntrospection] : specifiedRules;
  const clientIp = deps.clientIp ?? remoteIp;
  const connections = new Map<object, Connection>();
  const contexts = new WeakMap<object, Connection>();
  const byKey = new Map<string, Set<Connection>>();

  const register = (ctx: object, c: Connection) => {
    connections.set(ctx, c);
    for (const key of c.keys) {
      let set = byKey.get(key);
      if (!set) byKey.set(key, (set = new Set()));
      set.add(c);
    }
  };
  const unregister = (ctx: object) => {
    const c = connections.get(ctx);
    if (!c) return;
    connections.delete(ctx);
    if (c.expiryTimer) clearTimeout(c.expiryTimer);
    for (const key of c.keys) {
      const set = byKey.get(key);
      set?.delete(c);
      if (set?.size === 0) byKey.delete(key);
    }
  };
  const close = (c: Connection, code: number, reason: string) => {
    if (c.closing) return;
    c.closing = true;
    closeSocket(c.extra, code, reason);
  };

  /** The credential's current state, compared with what the socket was allowed so far. */
  const judge = (c: Connection, current: AuthViewer | Error | null): Verdict => {
    if (current instanceof Error) return { code: WS_CLOSE.UNAUTHORIZED, reason: current.message };
    if (!current || !c.viewer)
      return { code: WS_CLOSE.UNAUTHORIZED, reason: "Credential is no longer valid" };
    if (!samePermissions(c.viewer, current))
      return { code: WS_CLOSE.FORBIDDEN, reason: "Permissions of this credential changed; reconnect" };
    return { viewer: current };
  };
  const currentState = async (header: string | undefined): Promise<AuthViewer | Error | null> => {
    try {
      return await deps.authenticate(header);
    } catch (e) {
      if (errorCodeOf(e) === "UNAUTHENTICATED") return e as Error;
      throw e;
    }
  };
  const apply = (c: Connection, verdict: Verdict) => {
    if ("code" in verdict) close(c, verdict.code, verdict.reason);
    else c.viewer = verdict.viewer;
  };

  /** Re-checks these sockets, one authentication per distinct credential. */
  const revalidate = async (targets: Iterable<Connection>) => {
    const groups = new Map<string, Connection[]>();
    for (const c of targets) {
      if (c.closing || !c.viewer) continue;
      const group = groups.get(c.header ?? "");
      if (group) group.push(c);
      else groups.set(c.header ?? "", [c]);
    }
    await Promise.all(
      [...groups].map(async ([header, group]) => {
        const current = await currentState(header);
        for (const c of group) apply(c, judge(c, current));
      }),
    );
  };

  let sweep: NodeJS.Timeout | null = null;
  if (deps.revalidateEveryMs && deps.revalidateEveryMs > 0) {
    sweep = setInterval(() => {
      revalidate([...connections.values()]).catch(() => undefined); // the next sweep tries again
    }, deps.revalidateEveryMs);
    sweep.unref();
  }

  return {
    /** Spread into `useServer({ ... })`. */
    hooks: {
      async onConnect(ctx: WsContextLike): Promise<boolean> {
        const params = ctx.connectionParams ?? {};
        const raw = params.authorization ?? params.Authorization;
        const header = typeof raw === "string" ? raw : undefined;
        let viewer: AuthViewer | null;
        try {
          viewer = await deps.authenticate(header);
        } catch (e) {
          if (errorCodeOf(e) === "UNAUTHENTICATED") return false;
          throw e;
        }
        if (!viewer && deps.requireCredential) {
          closeSocket(
            ctx.extra,
            WS_CLOSE.UNAUTHORIZED,
            'Unauthorized: send connectionParams.authorization = "Bearer <API key or session token>"',
          );
          return false;
        }
        if (viewer && deps.maxSocketsPerCredential !== undefined) {
          const principal = credentialKeys(viewer)[0]!;
          const held = [...(byKey.get(principal) ?? [])].filter((c) => c.keys[0] === principal).length;
          if (held >= deps.maxSocketsPerCredential) {
            closeSocket(
              ctx.extra,
              WS_CLOSE.TOO_MANY_SOCKETS,
              `Too many open sockets for this credential (at most ${deps.maxSocketsPerCredential})`,
            );
            return false;
          }
        }
        const connection: Connection = {
          extra: ctx.extra,
          header,
          viewer,
          ip: clientIp(ctx.extra),
          keys: viewer ? credentialKeys(viewer) : [],
          closing: false,
        };
        const expiresAt = viewer?.expiresAt?.getTime();
        if (expiresAt !== undefined) {
          const wait = expiresAt - now();
          if (wait <= 0) return false;
          if (wait < MAX_TIMER_MS) {
            connection.expiryTimer = setTimeout(
              () => close(connection, WS_CLOSE.UNAUTHORIZED, "Credential expired"),
              wait,
            );
            connection.expiryTimer.unref();
          }
        }
        register(ctx, connection);
        return true;
      },

      async onSubscribe(
        ctx: WsContextLike,
        _id: string,
        payload: SubscribePayloadLike,
      ): Promise<readonly GraphQLError[] | ExecutionArgs> {
        const connection = connections.get(ctx);
        if (connection?.closing) return [unauthenticated("This socket is closing; reconnect")];
        if (deps.limiter) {
          const decision = await deps.limiter.take(rateLimitKey(connection?.viewer ?? null, connection?.ip));
          if (!decision.allowed) return [rateLimited("Rate limit exceeded", decision.retryAfterMs)];
        }
        if (connection?.viewer) {
          // Authorized when it runs, with the credential's state now, exactly like an HTTP request.
          const verdict = judge(connection, await currentState(connection.header));
          apply(connection, verdict);
          if ("code" in verdict) {
            return [
              verdict.code === WS_CLOSE.UNAUTHORIZED
                ? unauthenticated(verdict.reason)
                : forbidden(verdict.reason),
            ];
          }
        }
        // Parsed and validated here, with the codes Apollo gives them over HTTP: left to graphql-ws, a
        // syntax error closes the whole socket (4500) and a validation error has no code at all.
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [
            new GraphQLError(e instanceof Error ? e.message : "Syntax error", {
              extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED },
            }),
          ];
        }
        const invalid = validate(deps.schema, document, rules);
        if (invalid.length > 0) {
          return invalid.map(
            (e) =>
              new GraphQLError(e.message, {
                nodes: e.nodes,
                extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
              }),
          );
        }
        const bad = inputError(document, payload.variables);
        if (bad) return [bad];
        const { error } = checkQuery(
          deps.schema,
          document,
          payload.operationName,
          payload.variables,
          deps.limits,
        );
        if (error) return [error];
        // Already parsed and validated: graphql-ws runs these arguments as they are.
        return {
          schema: deps.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
        };
      },

      onClose(ctx: WsContextLike): void {
        unregister(ctx);
      },
    },

    /** The viewer this socket's operations run as (null = anonymous): current as of its last check. */
    viewerOf(ctx: object): AuthViewer | null {
      return connections.get(ctx)?.viewer ?? null;
    },

    /** Remembers the socket a GraphQL context belongs to, for boundedSubscribe. */
    bind<C extends object>(ctx: object, contextValue: C): C {
      const connection = connections.get(ctx);
      if (connection) contexts.set(contextValue, connection);
      return contextValue;
    },

    /**
     * graphql-ws' `subscribe`, with each subscription's stream bounded to `max` messages waiting for
     * the client: a client that reads too slowly has its socket closed with 1013.
     */
    boundedSubscribe(subscribe: Subscribe, max: number): Subscribe {
      return async (args) => {
        const result = await subscribe(args);
        if (!(Symbol.asyncIterator in result)) return result;
        const connection = contexts.get(args.contextValue as object);
        return boundedStream(result, max, () => {
          if (connection)
            close(connection, WS_CLOSE.SLOW_CONSUMER, "Subscriber too slow: messages were not read in time");
        });
      };
    },

    /** The client address of this socket. */
    ipOf(ctx: object): string | null {
      return connections.get(ctx)?.ip ?? null;
    },

    /** An announced credential change: that credential's sockets on this instance are re-checked now. */
    async credentialChanged(change: CredentialChange): Promise<void> {
      const targets = byKey.get(`${change.kind}:${change.id}`);
      if (targets) await revalidate([...targets]);
    },

    /** Open sockets holding this credential (`apiKey:<id>`, `user:<id>`, `session:<id>`), for tests. */
    socketsOf(key: string): number {
      return byKey.get(key)?.size ?? 0;
    },

    stop(): void {
      if (sweep) clearInterval(sweep);
      sweep = null;
    },
  };
}

export type WsGuard = ReturnType<typeof createWsGuard>;
