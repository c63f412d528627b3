import { Arg, Authorized, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { Permission } from "../../auth";
import type { ProgressEvent } from "@syncstore/core";
import type { ApiContext } from "../context";
import { BatchProgressEvent, SyncItemEvent } from "../types/progress";
import type { BatchMessage } from "../../realtime/batch-feed";
import { eventBatch, eventItem } from "../../realtime/views";
import { userInputError } from "../errors";
import { isUuid } from "../../services/sync.service";
import { isBigintId } from "../cursor";

@Resolver()
export class ProgressResolver {
  @Authorized(Permission.READ)
  @Subscription(() => BatchProgressEvent, {
    description:
      "Live progress of one batch: the current snapshot, then coalesced updates until it is final.",
    subscribe: async ({
      args,
      context,
    }: SubscribeResolverData<unknown, Record<string, unknown>, ApiContext>) => {
      const batchId = String(args.batchId);
      if (!isUuid(batchId))
        throw userInputError(`batchId is not a valid id: ${JSON.stringify(batchId.slice(0, 64))}`, "batchId");
      return context.services.realtime.batches.subscribe(batchId);
    },
  })
  batchProgress(
    @Arg("batchId", () => ID) _batchId: string,
    @Root() message: BatchMessage,
  ): BatchProgressEvent {
    const { event } = message;
    return {
      seq: event.seq,
      batch: eventBatch(event.batch, event.seq),
      item: event.item ? eventItem(event.item, event.at) : null,
      recentItems: message.recentItems.map((i) => eventItem(i, event.at)),
    };
  }

  @Authorized(Permission.READ)
  @Subscription(() => SyncItemEvent, {
    description:
      "Every item change of one product (or of all products when productId is omitted), as it happens.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, Record<string, unknown>, ApiContext>) => {
      const productId =
        args.productId === undefined || args.productId === null ? null : String(args.productId);
      if (productId !== null && !isBigintId(productId)) {
        throw userInputError(
          `productId is not a valid id: ${JSON.stringify(productId.slice(0, 64))}`,
          "productId",
        );
      }
      return context.services.realtime.productEvents(productId);
    },
  })
  syncEvents(
    @Arg("productId", () => ID, { nullable: true }) _productId: string | null,
    @Root() event: ProgressEvent,
  ): SyncItemEvent {
    return {
      seq: event.seq,
      item: eventItem(event.item!, event.at),
      batch: eventBatch(event.batch, event.seq),
    };
  }
}
