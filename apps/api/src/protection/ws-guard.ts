import { GraphQLError, parse, type DocumentNode, type GraphQLSchema } from "graphql";
import { errorCodeOf, rateLimited, unauthenticated } from "../auth/auth-errors";
import type { Authenticate } from "../auth/authenticate";
import type { AuthViewer } from "../auth/viewer";
import { inputError } from "./input-guard";
import { checkQuery, type QueryLimits } from "./limits";
import { rateLimitKey, type RateLimiter } from "./rate-limiter";

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
  viewer: AuthViewer | null;
  ip: string | null;
  expiryTimer?: NodeJS.Timeout;
}

const connections = new WeakMap<object, Connection>();
// setTimeout cannot wait longer than this; credentials expiring later are checked per subscribe only.
const MAX_TIMER_MS = 2_147_483_647;

/** The viewer onConnect resolved for this socket (null = anonymous). */
export function wsViewer(ctx: object): AuthViewer | null {
  return connections.get(ctx)?.viewer ?? null;
}

function remoteIp(extra: unknown): string | null {
  const request = (extra as { request?: { socket?: { remoteAddress?: string } } } | null)?.request;
  return request?.socket?.remoteAddress ?? null;
}

function closeSocket(extra: unknown, code: number, reason: string): void {
  const socket = (extra as { socket?: { close?: (code: number, reason: string) => void } } | null)?.socket;
  socket?.close?.(code, reason);
}

export interface WsGuardDeps {
  authenticate: Authenticate;
  schema: GraphQLSchema;
  limits: QueryLimits;
  limiter?: RateLimiter;
  clock?: () => number;
  /** Refuse connections without a credential (every subscription needs one anyway): close 4401. */
  requireCredential?: boolean;
}

/**
 * graphql-ws hooks, to spread into `useServer({ ... })`:
 * - onConnect: authenticates `connectionParams.authorization` (or `Authorization`); a bad credential
 *   closes the socket (4403); none = anonymous, and each subscription's @Authorized decides.
 *   The socket is closed with 4401 when the credential expires.
 * - onSubscribe: refuses with RATE_LIMITED, UNAUTHENTICATED (expired) or QUERY_TOO_COMPLEX.
 * - onClose: forgets the connection.
 */
export function createWsGuard(deps: WsGuardDeps) {
  const now = deps.clock ?? Date.now;
  return {
    async onConnect(ctx: WsContextLike): Promise<boolean> {
      const params = ctx.connectionParams ?? {};
      const header = params.authorization ?? params.Authorization;
      let viewer: AuthViewer | null;
      try {
        viewer = await deps.authenticate(typeof header === "string" ? header : undefined);
      } catch (e) {
        if (errorCodeOf(e) === "UNAUTHENTICATED") return false;
        throw e;
      }
      if (!viewer && deps.requireCredential) {
        closeSocket(
          ctx.extra,
          4401,
          'Unauthorized: send connectionParams.authorization = "Bearer <API key or session token>"',
        );
        return false;
      }
      const connection: Connection = { viewer, ip: remoteIp(ctx.extra) };
      const expiresAt = viewer?.expiresAt?.getTime();
      if (expiresAt !== undefined) {
        const wait = expiresAt - now();
        if (wait <= 0) return false;
        if (wait < MAX_TIMER_MS) {
          connection.expiryTimer = setTimeout(() => closeSocket(ctx.extra, 4401, "Credential expired"), wait);
          connection.expiryTimer.unref();
        }
      }
      connections.set(ctx, connection);
      return true;
    },

    async onSubscribe(
      ctx: WsContextLike,
      _id: string,
      payload: SubscribePayloadLike,
    ): Promise<readonly GraphQLError[] | undefined> {
      const connection = connections.get(ctx);
      const viewer = connection?.viewer ?? null;
      const expiresAt = viewer?.expiresAt?.getTime();
      if (expiresAt !== undefined && expiresAt <= now())
        return [unauthenticated("Credential expired; reconnect with a new one")];
      if (deps.limiter) {
        const decision = await deps.limiter.take(rateLimitKey(viewer, connection?.ip));
        if (!decision.allowed) return [rateLimited("Rate limit exceeded", decision.retryAfterMs)];
      }
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch {
        return undefined; // graphql-ws parses again and reports the syntax error itself
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
      return error ? [error] : undefined;
    },

    onClose(ctx: WsContextLike): void {
      const connection = connections.get(ctx);
      if (connection?.expiryTimer) clearTimeout(connection.expiryTimer);
      connections.delete(ctx);
    },
  };
}
