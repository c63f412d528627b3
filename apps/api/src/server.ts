import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from "graphql";
import { introspectionEnabled, parseTrustProxy, playgroundEnabled, type Config } from "@syncstore/config";
import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import { formatError, withoutSuggestions } from "./graphql/errors";
import { buildApiSchema } from "./graphql/schema";
import { createContext, type ApiContext } from "./graphql/context";
import { createServices, type Services } from "./services";
import { healthHandler } from "./http/health";
import { createMetrics, httpMetricsMiddleware, metricsHandler } from "./http/metrics";
import { mediaRouter } from "./http/media";
import { IMAGE_PROXY_PATH } from "./http/image-proxy";
import { metricsAccess } from "./http/metrics-access";
import { operationLabel } from "./http/operation-label";
import { mountWeb } from "./http/static";
import { requestLogging } from "./http/request-log";
import compression from "compression";
import { currentRequestId, requestIdScope } from "./http/request-id";
import { BOARD_PATH, queueBoard } from "./http/queue-board";
import { CATALOG_IMPORT_PATH, catalogImport } from "./http/catalog-import";
import { CATALOG_EXPORT_PATH, catalogExport } from "./http/catalog-export";
import { logger } from "./logger";
import { connectCallback } from "./connect/callback";
import { sharedSubscribe } from "./realtime/shared-execution";
import { authenticateRequests, credentialChangesChannel, parseCredentialChange, requestViewer } from "./auth";
import {
  OriginPolicy,
  RateLimiter,
  bodyErrors,
  corsPolicy,
  createWsGuard,
  inputGuardPlugin,
  configuredPublicHosts,
  jsonBody,
  limitRefusedCredentials,
  queryComplexityPlugin,
  queryLimitsFromConfig,
  rateLimitRequests,
  securityHeaders,
  MAX_BODY_BYTES,
  clientAddress,
  wsAdmission,
  type TrustProxy,
} from "./protection";

export interface ApiDeps {
  config: Config;
  dataSource: DataSource;
  redis: Redis;
}

export interface ApiServer {
  httpServer: http.Server;
  schema: GraphQLSchema;
  services: Services;
  url: string;
  close(): Promise<void>;
}

/** Builds and starts the API on `port` (0 = any free port, for tests). */
export async function startApi(
  deps: ApiDeps,
  port: number = deps.config.PORT,
  host = deps.config.HOST,
): Promise<ApiServer> {
  const { config } = deps;
  const production = config.NODE_ENV === "production";
  const playground = playgroundEnabled(config);
  const introspection = introspectionEnabled(config);

  const services = createServices(deps);
  await services.auth.bootstrap();
  const schema = await buildApiSchema(services.realtime.typeGraphqlPubSub);
  const metrics = createMetrics();
  const limits = queryLimitsFromConfig(config);
  const limiter = new RateLimiter(deps.redis, {
    prefix: `${config.REDIS_PREFIX}:ratelimit`,
    perMinute: config.API_RATE_LIMIT_PER_MINUTE,
    burst: config.API_RATE_LIMIT_BURST,
  });
  const origins = new OriginPolicy(config.CORS_ORIGINS, configuredPublicHosts(config));
  const app = express();
  const httpServer = http.createServer(app);
  app.disable("x-powered-by");
  // Only the proxies TRUST_PROXY names may say who the client is; by default nobody may, so an
  // X-Forwarded-For header cannot pick the per-IP bucket a request is counted in.
  app.set("trust proxy", parseTrustProxy(config.TRUST_PROXY) ?? false);

  // Subscriptions share the HTTP server and the /graphql path (graphql-ws protocol). The guard
  // authenticates on connect (connectionParams.authorization), authenticates again and checks the cost
  // of every operation, and closes the socket when the credential expires or an announced change
  // (auth/revocation.ts, from any instance) ends it.
  // The same client address as req.ip over HTTP (TRUST_PROXY decides who may forward it).
  const trustProxy = app.get("trust proxy fn") as TrustProxy;
  const wsClientIp = (req: http.IncomingMessage) => clientAddress(req, trustProxy);
  const wsGuard = createWsGuard({
    authenticate: services.auth.authenticate,
    schema,
    limits,
    limiter,
    requireCredential: true,
    introspection,
    revalidateEveryMs: config.WS_REVALIDATE_SECONDS * 1000,
    maxSocketsPerCredential: config.WS_MAX_SOCKETS_PER_CREDENTIAL,
    clientIp: (extra) => {
      const request = (extra as { request?: http.IncomingMessage } | null)?.request;
      return request ? wsClientIp(request) : null;
    },
  });
  await services.realtime.listen(credentialChangesChannel(config.REDIS_PREFIX), (message: unknown) => {
    const change = parseCredentialChange(message);
    if (!change) return;
    wsGuard.credentialChanged(change).catch((e: unknown) => {
      logger.error("could not re-check the sockets of a changed credential", { err: e, change });
    });
  });
  const admission = wsAdmission({
    maxPerIp: config.WS_MAX_SOCKETS_PER_IP,
    connectLimiter: new RateLimiter(deps.redis, {
      prefix: `${config.REDIS_PREFIX}:wsconnect`,
      perMinute: config.WS_CONNECT_RATE_PER_MINUTE,
      burst: config.WS_CONNECT_BURST,
    }),
    clientIp: wsClientIp,
    allowsOrigin: (origin) => origins.allows(origin),
  });
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: "/graphql",
    // Messages as large as an HTTP body at most: ws closes with 1009 from the frame header, before
    // buffering or parsing the message.
    maxPayload: MAX_BODY_BYTES,
    verifyClient: admission.verifyClient,
  });
  const formatWsError = (e: GraphQLError): GraphQLFormattedError => {
    const formatted = formatError(e.toJSON(), e, (entry) => logger.error("unexpected error", entry));
    return introspection ? formatted : { ...formatted, message: withoutSuggestions(formatted.message) };
  };
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema,
      ...wsGuard.hooks,
      context: async (ctx) =>
        wsGuard.bind(ctx, createContext(services, null, wsGuard.viewerOf(ctx), wsGuard.ipOf(ctx))),
      // Subscribers of one batch share each message's execution (see sharedSubscribe); each
      // subscription queues at most WS_SUBSCRIPTION_QUEUE messages for its client.
      subscribe: wsGuard.boundedSubscribe(
        sharedSubscribe((context) => {
          const viewer = (context as ApiContext).viewer;
          return viewer ? `${viewer.role}:${[...viewer.scopes].sort().join(",")}` : "anonymous";
        }),
        config.WS_SUBSCRIPTION_QUEUE,
      ),
      // Errors over the socket are formatted as Apollo formats them over HTTP: known codes pass,
      // anything else is logged with a request id and answered generically (never SQL or a stack).
      onError: (_ctx, _id, _payload, errors) => errors.map(formatWsError),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map(formatWsError) } : undefined,
    },
    wsServer,
    12_000,
  );

  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection,
    // "Did you mean 'apiKeys'?" would hand out the schema that introspection keeps to itself.
    hideSchemaDetailsFromClientErrors: !introspection,
    // main.ts owns shutdown (drain, then close Redis and PostgreSQL); Apollo's own signal handlers
    // would race it and re-raise the signal, leaving the process alive.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) =>
      formatError(formatted, error, (entry) => logger.error("unexpected error", entry), currentRequestId()),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      queryComplexityPlugin(limits),
      inputGuardPlugin(),
      {
        // On shutdown, complete open subscriptions cleanly before the HTTP server drains.
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
      {
        async requestDidStart() {
          return {
            async willSendResponse({ operation, errors }) {
              metrics.graphqlOperations.inc({
                operation: operationLabel(schema, operation),
                type: operation?.operation ?? "unknown",
                outcome: errors?.length ? "error" : "ok",
              });
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(requestLogging(logger, config.LOG_LEVEL));
  app.use(requestIdScope());
  app.use(securityHeaders());
  app.use(httpMetricsMiddleware(metrics));
  // Brotli or gzip, whichever the client prefers, for the dashboard's scripts and GraphQL answers
  // (JSON shrinks ~10x); what is already compressed (images) is left alone by content type.
  app.use(compression());
  app.get("/healthz", healthHandler(deps.dataSource, deps.redis));
  app.get("/metrics", metricsAccess({ token: config.METRICS_TOKEN, production }), metricsHandler(metrics));
  app.use(IMAGE_PROXY_PATH, services.media.router(rateLimitRequests(limiter)));
  app.use("/media", mediaRouter());
  app.use(
    "/graphql",
    ...corsPolicy(origins),
    authenticateRequests(services.auth.authenticate, { beforeRefusing: limitRefusedCredentials(limiter) }),
    rateLimitRequests(limiter),
    jsonBody(),
    bodyErrors,
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(services, req, requestViewer(req), req.ip ?? null),
    }),
  );
  app.use(
    CATALOG_IMPORT_PATH,
    rateLimitRequests(limiter),
    catalogImport({ ds: deps.dataSource, authenticate: services.auth.authenticate }),
  );
  app.use(
    CATALOG_EXPORT_PATH,
    rateLimitRequests(limiter),
    catalogExport({ ds: deps.dataSource, authenticate: services.auth.authenticate }),
  );
  app.use(
    BOARD_PATH,
    queueBoard({ ds: deps.dataSource, queues: services.queues, authenticate: services.auth.authenticate }),
  );
  app.use(
    "/connect",
    rateLimitRequests(limiter),
    connectCallback(services.connect, config.PUBLIC_URL, logger),
  );
  mountWeb(app, { playground });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  // Without configured public hosts, the dashboard is reached on this machine under its loopback
  // names (and, in development, through the Vite dev server on :5173, which proxies to the API).
  if (configuredPublicHosts(config).length === 0) {
    const ports = production ? [address.port] : [address.port, 5173];
    for (const p of ports)
      for (const name of ["127.0.0.1", "localhost", "[::1]"]) origins.addPublicHost(`${name}:${p}`);
  }

  return {
    httpServer,
    schema,
    services,
    url,
    async close() {
      wsGuard.stop();
      await apollo.stop();
      await services.close();
    },
  };
}
