import { graphql } from "../../gql";

export const batchFieldsFragment = graphql(`
  fragment BatchFields on SyncBatch {
    id
    status
    kind
    platforms
    force
    total
    queued
    running
    succeeded
    failed
    skipped
    deadLettered
    cancelled
    percent
    throughput
    etaSeconds
    createdAt
    startedAt
    finishedAt
    channels {
      channelId
      platform
      total
      queued
      running
      succeeded
      failed
      skipped
      deadLettered
      cancelled
      percent
    }
  }
`);

// Not in BatchFields: live progress events carry BatchFields, and who started a batch never changes.
export const batchOriginFieldsFragment = graphql(`
  fragment BatchOriginFields on BatchOrigin {
    trigger
    label
    startedBy {
      kind
      name
    }
    scope {
      kind
      products
      search
      listingStatus
      listingPlatform
    }
  }
`);

export const syncItemFieldsFragment = graphql(`
  fragment SyncItemFields on SyncItem {
    id
    batchId
    productId
    sku
    platform
    status
    attempts
    errorClass
    errorMessage
    errorField
    updatedAt
  }
`);

export const startBatchSyncMutation = graphql(`
  mutation StartBatchSync($input: StartBatchSyncInput!) {
    startBatchSync(input: $input) {
      batch {
        ...BatchFields
      }
      userErrors {
        field
        code
        message
        rule
        params {
          name
          value
        }
      }
    }
  }
`);

export const cancelBatchMutation = graphql(`
  mutation CancelBatch($id: ID!) {
    cancelBatch(id: $id) {
      batch {
        ...BatchFields
      }
      userErrors {
        field
        code
        message
        rule
        params {
          name
          value
        }
      }
    }
  }
`);

export const batchesQuery = graphql(`
  query Batches($first: Int!, $after: String) {
    batches(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...BatchFields
          origin {
            ...BatchOriginFields
          }
        }
      }
    }
  }
`);

export const batchQuery = graphql(`
  query Batch($id: ID!) {
    batch(id: $id) {
      ...BatchFields
      origin {
        ...BatchOriginFields
      }
      retryOf {
        id
      }
      rollbackOf {
        id
      }
      retries {
        id
        status
        total
      }
    }
  }
`);

/** Pages through a batch's items: the live feed starts from these. */
export const batchItemsQuery = graphql(`
  query BatchItems($id: ID!, $first: Int!, $after: String) {
    batch(id: $id) {
      id
      items(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...SyncItemFields
          }
        }
      }
    }
  }
`);

export const batchProgressSubscription = graphql(`
  subscription BatchProgress($batchId: ID!) {
    batchProgress(batchId: $batchId) {
      seq
      batch {
        ...BatchFields
      }
      recentItems {
        ...SyncItemFields
      }
    }
  }
`);

/** How many products a batch would take: the whole catalog or a search. */
export const catalogSizeQuery = graphql(`
  query CatalogSize($search: String) {
    products(first: 0, search: $search) {
      totalCount
    }
  }
`);

/** Previews (dryRun) or starts a rollback of a finished batch. */
export const rollbackBatchMutation = graphql(`
  mutation RollbackBatch($input: RollbackBatchInput!) {
    rollbackBatch(input: $input) {
      batch {
        ...BatchFields
      }
      preview {
        batchId
        restore
        delist
        laterChanged
        unrecorded
        items {
          productId
          sku
          productTitle
          channelId
          platform
          action
          laterBatchId
          recorded
          currentPrice
          restorePrice
          currentTitle
          restoreTitle
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

/** A DRY_RUN batch's plan: per item, what a sync would do and the fields it would change. */
export const batchPlanQuery = graphql(`
  query BatchPlan($id: ID!, $first: Int!) {
    batch(id: $id) {
      id
      items(first: $first) {
        totalCount
        edges {
          node {
            id
            productId
            sku
            platform
            status
            plannedAction
            errorClass
            errorField
            errorMessage
            changes {
              field
              before
              after
            }
          }
        }
      }
    }
  }
`);
