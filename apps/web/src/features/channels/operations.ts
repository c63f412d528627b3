import { graphql } from "../../gql";

export const channelCardFragment = graphql(`
  fragment ChannelCard on Channel {
    id
    platform
    name
    shopId
    market
    currency
    priceMultiplier
    maxAttempts
    rateLimitPerSecond
    enabled
    connection {
      status
      expiresAt
    }
    shipping {
      logistics {
        logisticId
        sizeId
        shippingFee
        maxWeightKg
      }
      warehouseId
      deliveryOptionIds
    }
    mappingCoverage {
      productCount
      mappedProductCount
    }
  }
`);

export const channelsQuery = graphql(`
  query Channels {
    channels {
      ...ChannelCard
    }
  }
`);

export const updateChannelMutation = graphql(`
  mutation UpdateChannel($input: UpdateChannelInput!) {
    updateChannel(input: $input) {
      channel {
        ...ChannelCard
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const connectChannelMutation = graphql(`
  mutation ConnectChannel($input: ConnectChannelInput!) {
    connectChannel(input: $input) {
      authorizationUrl
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const disconnectChannelMutation = graphql(`
  mutation DisconnectChannel($id: ID!) {
    disconnectChannel(id: $id) {
      channel {
        ...ChannelCard
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);
