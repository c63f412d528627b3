import { graphql } from "../../gql";

export const productDetailFragment = graphql(`
  fragment ProductDetail on Product {
    id
    sku
    title
    description
    brand
    category
    price
    currency
    stock
    weightGrams
    dimensions {
      lengthCm
      widthCm
      heightCm
    }
    images
    imageDisplayUrls
    attributes {
      name
      value
    }
    variants {
      id
      sku
      options {
        name
        value
      }
      price
      stock
      image
    }
    updatedAt
    listings {
      id
      platform
      shopId
      externalId
      status
      price
      title
      syncedAt
      lastError
      lastErrorClass
      lastErrorField
      rejectReason
      expectedPrice
    }
    channelPrices {
      channelId
      platform
      shopId
      currency
      multiplier
      expectedPrice
    }
  }
`);

export const productQuery = graphql(`
  query Product($id: ID!) {
    product(id: $id) {
      ...ProductDetail
    }
  }
`);

export const syncProductMutation = graphql(`
  mutation SyncProduct($input: SyncProductInput!) {
    syncProduct(input: $input) {
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

export const updateProductMutation = graphql(`
  mutation UpdateProduct($input: UpdateProductInput!) {
    updateProduct(input: $input) {
      product {
        ...ProductDetail
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

/** Any sync of this product, wherever it was started: keeps the page current. */
export const productSyncEventsSubscription = graphql(`
  subscription ProductSyncEvents($productId: ID) {
    syncEvents(productId: $productId) {
      seq
      item {
        ...SyncItemFields
      }
    }
  }
`);
