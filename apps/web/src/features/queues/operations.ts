import { graphql } from "../../gql";

export const queueStatsQuery = graphql(`
  query QueueStats {
    queueStats {
      name
      platform
      shopId
      waiting
      active
      delayed
      failed
      completed
      paused
      workers
    }
  }
`);
