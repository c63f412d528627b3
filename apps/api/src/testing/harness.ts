import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { loadConfig, type Config } from "@syncstore/config";
import { seedIfEmpty } from "@syncstore/db";
import { createTestDatabase } from "@syncstore/db/testing";
import { createRedis } from "@syncstore/queue";
import { startApi, type ApiServer } from "../server";

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface ApiHarness {
  api: ApiServer;
  ds: DataSource;
  redis: Redis;
  config: Config;
  dbUrl: string;
  namespace: string;
  /** The bootstrap admin API key (ADMIN_API_KEY) every request of gql() and ws() carries by default. */
  adminKey: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  ws(connectionParams?: Record<string, unknown>): Client;
  /** A second API instance on the same database and Redis namespace. */
  startAnother(): Promise<ApiServer>;
  close(): Promise<void>;
}

/** A real API on a free port over a fresh database with real migrations and the demo catalog. */
export async function createApiHarness(
  /** port: where the first instance listens (a callback URL given to a simulator must name it); default free. */
  opts: { products?: number; env?: Record<string, string>; port?: number } = {},
): Promise<ApiHarness> {
  const db = await createTestDatabase();
  const namespace = `t${randomUUID().slice(0, 8)}`;
  const adminKey = `test-admin-${randomUUID()}`;
  const config = loadConfig({
    ADMIN_API_KEY: adminKey,
    API_RATE_LIMIT_PER_MINUTE: "100000",
    API_RATE_LIMIT_BURST: "10000",
    DATABASE_URL: db.url,
    REDIS_PREFIX: namespace,
    LOG_LEVEL: "error",
    ...opts.env,
  });
  await seedIfEmpty(db.dataSource, config, { count: opts.products ?? 0 });
  const redis = createRedis(config.REDIS_URL);
  const started: ApiServer[] = [];
  const start = async () => {
    const port = started.length === 0 ? (opts.port ?? 0) : 0;
    const s = await startApi({ config, dataSource: db.dataSource, redis }, port, "127.0.0.1");
    started.push(s);
    return s;
  };
  const api = await start();
  const clients: Client[] = [];
  return {
    api,
    ds: db.dataSource,
    redis,
    config,
    dbUrl: db.url,
    namespace,
    adminKey,
    async gql(query, variables, headers) {
      const res = await fetch(`${api.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${adminKey}`, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<never>;
    },
    ws(connectionParams) {
      const client = createClient({
        url: `${api.url.replace("http", "ws")}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: connectionParams ?? { authorization: `Bearer ${adminKey}` },
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(client);
      return client;
    },
    startAnother: start,
    async close() {
      for (const c of clients) await c.dispose();
      for (const s of started) await s.close();
      const keys = await redis.keys(`*${namespace}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await db.drop();
    },
  };
}
