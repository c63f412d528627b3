import { graphql } from "../gql";

export const viewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      kind
      email
      name
      role
      permissions
      expiresAt
    }
  }
`);

export const signInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      token
      expiresAt
      user {
        id
        email
        name
        role
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const signOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);
