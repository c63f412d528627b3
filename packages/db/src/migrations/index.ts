import { InitialSchema1764000000000 } from "./1764000000000-initial-schema";
import { Auth1764100000000 } from "./1764100000000-auth";
import { ProductSearch1764200000000 } from "./1764200000000-product-search";
import { MarketplaceMapping1765100000000 } from "./1765100000000-marketplace-mapping";
import { AccountSecurity1765610000000 } from "./1765610000000-account-security";
import { TraceIds1765620000000 } from "./1765620000000-trace-ids";
import { Reliability1765630000000 } from "./1765630000000-reliability";
import { BatchChannelCounters1765750000000 } from "./1765750000000-batch-channel-counters";
import { OneOpenDeadLetter1765751000000 } from "./1765751000000-one-open-dead-letter";
import { RetryBatches1765752000000 } from "./1765752000000-retry-batches";
import { DeadLetterCauses1765820000000 } from "./1765820000000-dead-letter-causes";
import { SyncLogFilters1765821000000 } from "./1765821000000-sync-log-filters";
import { Rollback1765830000000 } from "./1765830000000-rollback";
import { FastPathState1765840000000 } from "./1765840000000-fast-path-state";
import { AutoSync1765841000000 } from "./1765841000000-auto-sync";
import { ProductOrderIndexes1765870000000 } from "./1765870000000-product-order-indexes";
import { BatchOrigin1765871000000 } from "./1765871000000-batch-origin";
import { SyncStats1765872000000 } from "./1765872000000-sync-stats";
import { DryRun1765890000000 } from "./1765890000000-dry-run";

/** Every migration, oldest first. Append new ones; never edit one that has shipped. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Auth1764100000000,
  ProductSearch1764200000000,
  MarketplaceMapping1765100000000,
  AccountSecurity1765610000000,
  TraceIds1765620000000,
  Reliability1765630000000,
  BatchChannelCounters1765750000000,
  OneOpenDeadLetter1765751000000,
  RetryBatches1765752000000,
  DeadLetterCauses1765820000000,
  SyncLogFilters1765821000000,
  Rollback1765830000000,
  FastPathState1765840000000,
  AutoSync1765841000000,
  ProductOrderIndexes1765870000000,
  BatchOrigin1765871000000,
  SyncStats1765872000000,
  DryRun1765890000000,
];
