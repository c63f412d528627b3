import { graphql } from "../../gql";

export const listingSummaryFragment = graphql(`
  fragment ListingSummary on Listing {
    id
    platform
    status
    price
    syncedAt
    lastError
    lastErrorClass
    rejectReason
  }
`);

export const productsQuery = graphql(`
  query Products(
    $first: Int!
    $after: String
    $search: String
    $listingStatus: ListingStatus
    $platform: Platform
    $orderBy: ProductOrder
  ) {
    products(
      first: $first
      after: $after
      search: $search
      listingStatus: $listingStatus
      platform: $platform
      orderBy: $orderBy
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
          sku
          title
          price
          currency
          stock
          listings {
            ...ListingSummary
          }
        }
      }
    }
  }
`);

/** Only ids and SKUs, for "select every product matching the filters". */
export const productIdsQuery = graphql(`
  query ProductIds(
    $first: Int!
    $after: String
    $search: String
    $listingStatus: ListingStatus
    $platform: Platform
  ) {
    products(
      first: $first
      after: $after
      search: $search
      listingStatus: $listingStatus
      platform: $platform
    ) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          sku
        }
      }
    }
  }
`);
