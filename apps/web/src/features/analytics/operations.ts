import { graphql } from "../../gql";

export const syncStatsQuery = graphql(`
  query SyncStats($from: DateTimeISO!, $to: DateTimeISO!, $bucket: StatsBucket!, $channelId: ID) {
    syncStats(from: $from, to: $to, bucket: $bucket, channelId: $channelId) {
      at
      succeeded
      failed
      skipped
      deadLettered
      calls
      p50Ms
      p95Ms
      errorsByClass {
        errorClass
        count
      }
    }
  }
`);

export const analyticsChannelsQuery = graphql(`
  query AnalyticsChannels {
    channels {
      id
      name
      platform
    }
  }
`);

export const slowestEndpointsQuery = graphql(`
  query SlowestEndpoints($from: DateTimeISO!, $to: DateTimeISO!, $channelId: ID) {
    slowestEndpoints(from: $from, to: $to, channelId: $channelId, first: 10) {
      platform
      endpoint
      method
      calls
      failed
      p50Ms
      p95Ms
      maxMs
    }
  }
`);
