import { graphql } from "../../gql";

export const deadLetterCountQuery = graphql(`
  query DeadLetterCount {
    deadLetters(first: 0) {
      totalCount
    }
  }
`);

/** Open dead letters grouped by cause on the server, largest group first. */
export const deadLetterGroupsQuery = graphql(`
  query DeadLetterGroups($first: Int!, $after: String) {
    deadLetterGroups(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          key
          errorClass
          errorCode
          errorField
          message
          count
          productCount
          platforms
          productId
          latestAt
          channels {
            id
            name
            platform
            market
          }
        }
      }
    }
  }
`);

export const deadLettersQuery = graphql(`
  query DeadLetters($first: Int!, $after: String, $group: ID) {
    deadLetters(first: $first, after: $after, group: $group) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          itemId
          batchId
          productId
          sku
          platform
          errorClass
          errorMessage
          errorField
          errorCode
          groupKey
          attempts
          lastRequest
          lastResponse
          createdAt
        }
      }
    }
  }
`);

export const retryDeadLetterMutation = graphql(`
  mutation RetryDeadLetter($id: ID!) {
    retryDeadLetter(id: $id) {
      batch {
        id
        status
        total
        platforms
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

export const retryDeadLettersMutation = graphql(`
  mutation RetryDeadLetters($ids: [ID!]!) {
    retryDeadLetters(ids: $ids) {
      retriedIds
      batch {
        id
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

export const discardDeadLettersMutation = graphql(`
  mutation DiscardDeadLetters($ids: [ID!]!) {
    discardDeadLetters(ids: $ids) {
      discardedIds
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

export const retryDeadLetterGroupMutation = graphql(`
  mutation RetryDeadLetterGroup($key: ID!) {
    retryDeadLetterGroup(key: $key) {
      retriedIds
      batch {
        id
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
