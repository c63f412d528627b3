import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import express from "express";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphQLSchema } from "graphql";
import type { Config } from "@syncstore/config";
import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import { formatError } from "./graphql/errors";
import { buildApiSchema } from "./graphql/schema";
import { createContext, type ApiContext } from "./graphql/context";
import { createServices, type Services } from "./services";
import { healthHandler } from "./http/health";
import { createMetrics, httpMetricsMiddleware, metricsHandler } from "./http/metrics";
import { mediaRouter } from "./http/media";
import { mountWeb } from "./http/static";
import { logger } from "./logger";

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
  const playground = config.PLAYGROUND_ENABLED ?? !production;
  const introspection = config.INTROSPECTION_ENABLED ?? !production;

  const services = createServices(deps);
  const schema = await buildApiSchema(services.realtime.typeGraphqlPubSub);
  const metrics = createMetrics();
  const app = express();
  const httpServer = http.createServer(app);
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

  // Subscriptions share the HTTP server and the /graphql path (graphql-ws protocol).
  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql" });
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema,
      context: async () => createContext(services, null),
    },
    wsServer,
    12_000,
  );

  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection,
    formatError: (formatted, error) => formatError(formatted, error, (e) => logger.error("graphql error", e)),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
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
            async willSendResponse({ operationName, operation, errors }) {
              metrics.graphqlOperations.inc({
                operation: operationName ?? "anonymous",
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

  app.use(httpMetricsMiddleware(metrics));
  app.get("/healthz", healthHandler(deps.dataSource, deps.redis));
  app.get("/metrics", metricsHandler(metrics));
  app.use("/media", mediaRouter());
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: async ({ req }) => createContext(services, req) }),
  );
  mountWeb(app, { playground });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;

  return {
    httpServer,
    schema,
    services,
    url,
    async close() {
      await apollo.stop();
      await services.close();
    },
  };
}
