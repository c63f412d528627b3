import { graphql } from "../../gql";

export const queueStatsQuery = graphql(`
  query QueueStats {
    queueStats {
      channelId
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

export const pauseChannelMutation = graphql(`
  mutation PauseChannel($id: ID!) {
    pauseChannel(id: $id) {
      queue {
        channelId
        name
        paused
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

export const resumeChannelMutation = graphql(`
  mutation ResumeChannel($id: ID!) {
    resumeChannel(id: $id) {
      queue {
        channelId
        name
        paused
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
