import { graphql } from "../../gql";

export const syncLogsQuery = graphql(`
  query SyncLogs(
    $first: Int!
    $after: String
    $productId: ID
    $batchId: ID
    $search: String
    $channelId: ID
    $outcome: SyncCallOutcome
    $errorClass: SyncErrorClass
    $from: DateTimeISO
    $to: DateTimeISO
  ) {
    syncLogs(
      first: $first
      after: $after
      productId: $productId
      batchId: $batchId
      search: $search
      channelId: $channelId
      outcome: $outcome
      errorClass: $errorClass
      from: $from
      to: $to
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          batchId
          itemId
          productId
          sku
          productTitle
          channelId
          platform
          endpoint
          method
          request
          response
          httpStatus
          durationMs
          attempt
          errorClass
          errorCode
          errorMessage
          createdAt
        }
      }
    }
  }
`);

/** The shops a call can be filtered to. */
export const logChannelsQuery = graphql(`
  query LogChannels {
    channels {
      id
      name
      platform
    }
  }
`);
