import { graphql } from "../../gql";

/** How many products a batch would take: the whole catalog or a search. */
export const catalogSizeQuery = graphql(`
  query CatalogSize($search: String) {
    products(first: 0, search: $search) {
      totalCount
    }
  }
`);
