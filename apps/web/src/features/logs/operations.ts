import { graphql } from "../../gql";

export const syncLogsQuery = graphql(`
  query SyncLogs($first: Int!, $after: String, $productId: ID, $batchId: ID) {
    syncLogs(first: $first, after: $after, productId: $productId, batchId: $batchId) {
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
