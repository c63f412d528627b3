import { graphql } from "../../gql";

export const deadLetterCountQuery = graphql(`
  query DeadLetterCount {
    deadLetters(first: 0) {
      totalCount
    }
  }
`);

/** Exact group sizes, one count per (error class, platform); the groups then load their own pages. */
export const deadLetterSummaryQuery = graphql(`
  query DeadLetterSummary {
    all: deadLetters(first: 0) {
      totalCount
    }
    shopeeValidation: deadLetters(first: 0, platform: SHOPEE, errorClass: VALIDATION) {
      totalCount
    }
    tiktokValidation: deadLetters(first: 0, platform: TIKTOK_SHOP, errorClass: VALIDATION) {
      totalCount
    }
    shopeeAuthentication: deadLetters(first: 0, platform: SHOPEE, errorClass: AUTHENTICATION) {
      totalCount
    }
    tiktokAuthentication: deadLetters(first: 0, platform: TIKTOK_SHOP, errorClass: AUTHENTICATION) {
      totalCount
    }
    shopeeRateLimit: deadLetters(first: 0, platform: SHOPEE, errorClass: RATE_LIMIT) {
      totalCount
    }
    tiktokRateLimit: deadLetters(first: 0, platform: TIKTOK_SHOP, errorClass: RATE_LIMIT) {
      totalCount
    }
    shopeeNetwork: deadLetters(first: 0, platform: SHOPEE, errorClass: NETWORK) {
      totalCount
    }
    tiktokNetwork: deadLetters(first: 0, platform: TIKTOK_SHOP, errorClass: NETWORK) {
      totalCount
    }
    shopeeSystem: deadLetters(first: 0, platform: SHOPEE, errorClass: SYSTEM) {
      totalCount
    }
    tiktokSystem: deadLetters(first: 0, platform: TIKTOK_SHOP, errorClass: SYSTEM) {
      totalCount
    }
    shopeeUnknown: deadLetters(first: 0, platform: SHOPEE, errorClass: UNKNOWN) {
      totalCount
    }
    tiktokUnknown: deadLetters(first: 0, platform: TIKTOK_SHOP, errorClass: UNKNOWN) {
      totalCount
    }
  }
`);

export const deadLettersQuery = graphql(`
  query DeadLetters($first: Int!, $after: String, $platform: Platform, $errorClass: SyncErrorClass) {
    deadLetters(first: $first, after: $after, platform: $platform, errorClass: $errorClass) {
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
      }
    }
  }
`);
