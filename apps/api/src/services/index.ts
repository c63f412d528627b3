import type { DataSource } from "typeorm";
import type { Redis } from "ioredis";
import type { Config } from "@syncstore/config";
import { SyncQueues, progressTopics, queuePrefix } from "@syncstore/queue";
import { logger } from "../logger";
import { Realtime } from "../realtime";
import { CatalogService } from "./catalog.service";
import { SyncQueries } from "./sync-queries";
import { SyncService } from "./sync.service";
import { RollbackService } from "./rollback.service";
import { QueueControlService } from "./queue-control.service";
import { ChannelService } from "./channel.service";
import { ConnectionService } from "./connection.service";
import { ConnectService } from "../connect/connect.service";
import { createAuthServices, type AuthServices } from "../auth";
import { ImageProxy } from "../http/image-proxy";

export interface Services {
  catalog: CatalogService;
  sync: SyncService;
  rollback: RollbackService;
  syncQueries: SyncQueries;
  queueControl: QueueControlService;
  channels: ChannelService;
  connections: ConnectionService;
  /** Seller authorization of shops, shared by connectChannel and the /connect callback route. */
  connect: ConnectService;
  realtime: Realtime;
  queues: SyncQueues;
  auth: AuthServices;
  /** Same-origin links for product images (Product.imageDisplayUrls) and the route serving them. */
  media: ImageProxy;
  close(): Promise<void>;
}

/** The API's composition root: one instance of each service per process. */
export function createServices(deps: { config: Config; dataSource: DataSource; redis: Redis }): Services {
  const namespace = deps.config.REDIS_PREFIX;
  const topics = progressTopics(namespace);
  const queues = new SyncQueues(deps.redis, queuePrefix(namespace));
  const realtime = new Realtime(deps.dataSource, deps.config.REDIS_URL, topics);
  const media = new ImageProxy({
    secret: deps.config.SESSION_SECRET,
    // The same trust as the worker's image fetcher: the product's own media and IMAGE_FETCH_ALLOW.
    trusted: [
      ...(deps.config.PUBLIC_URL ? [new URL("/media/", deps.config.PUBLIC_URL).href] : []),
      ...deps.config.IMAGE_FETCH_ALLOW,
    ],
  });
  const channels = new ChannelService(deps.dataSource, deps.redis, namespace, logger);
  const connect = new ConnectService(deps.dataSource, deps.redis, deps.config, logger);
  return {
    catalog: new CatalogService(deps.dataSource),
    sync: new SyncService(
      deps.dataSource,
      queues,
      deps.redis,
      topics,
      logger,
      deps.config.SYNC_MAX_BATCH_ITEMS,
    ),
    rollback: new RollbackService(deps.dataSource, queues, logger),
    syncQueries: new SyncQueries(deps.dataSource, queues),
    queueControl: new QueueControlService(deps.dataSource, queues),
    channels,
    connections: new ConnectionService(connect, channels),
    connect,
    realtime,
    queues,
    auth: createAuthServices({ config: deps.config, dataSource: deps.dataSource, redis: deps.redis }),
    media,
    async close() {
      await realtime.close();
      await media.close();
      await queues.close();
      await connect.close();
    },
  };
}
