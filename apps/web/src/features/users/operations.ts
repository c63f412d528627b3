import { graphql } from "../../gql";

export const usersQuery = graphql(`
  query Users($after: String) {
    users(first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...UserRow
        }
      }
    }
  }
`);

export const userRowFragment = graphql(`
  fragment UserRow on User {
    id
    email
    name
    role
    createdAt
    disabledAt
    recentFailedSignIns {
      count
      lastAt
      clients
      days
    }
  }
`);

export const updateUserMutation = graphql(`
  mutation UpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      user {
        ...UserRow
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

export const resetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      revokedSessions
      user {
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

export const revokeSessionsMutation = graphql(`
  mutation RevokeSessions($userId: ID!) {
    revokeSessions(userId: $userId) {
      revokedSessions
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
