import { buildSchema, type PubSub } from "type-graphql";
import { GraphQLSchema } from "graphql";
import { ProductResolver } from "./resolvers/product.resolver";
import { SyncResolver } from "./resolvers/sync.resolver";
import { RollbackResolver } from "./resolvers/rollback.resolver";
import { DeadLetterGroupResolver } from "./resolvers/dead-letter-group.resolver";
import { StatsResolver } from "./resolvers/stats.resolver";
import { ProgressResolver } from "./resolvers/progress.resolver";
import { QueueControlResolver } from "./resolvers/queue-control.resolver";
import { ChannelResolver, ListingResolver } from "./resolvers/channel.resolver";
import { UserFieldsResolver } from "./resolvers/user.resolver";
import { AuthResolver, authChecker } from "../auth";
import { ErrorCodeEnum } from "./types/error-code";

export const resolvers = [
  ProductResolver,
  SyncResolver,
  RollbackResolver,
  DeadLetterGroupResolver,
  StatsResolver,
  ProgressResolver,
  QueueControlResolver,
  ChannelResolver,
  ListingResolver,
  AuthResolver,
  UserFieldsResolver,
] as const;

/** The schema as partners see it; `pnpm schema` writes it to schema.graphql. */
export async function buildApiSchema(pubSub: PubSub): Promise<GraphQLSchema> {
  const built = await buildSchema({ resolvers, validate: false, pubSub, authChecker });
  // type-graphql emits only the types some field reaches, and no field returns an error code.
  const config = built.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, ErrorCodeEnum] });
}
