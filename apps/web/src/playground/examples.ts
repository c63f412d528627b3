import type { ComponentProps } from "react";
import type { GraphiQL } from "graphiql";

type TabDefinition = NonNullable<ComponentProps<typeof GraphiQL>["defaultTabs"]>[number];

/** Saved operations for partners, one tab each: what an integration does first. */
export const EXAMPLES: TabDefinition[] = [
  {
    query: `# Partners: put your API key in the Headers tab as {"Authorization": "Bearer <key>"}.
# Page through the catalog: pass the last endCursor as $after until hasNextPage is false.
query ProductsPage($first: Int = 20, $after: String) {
  products(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node { id sku title price currency stock listings { platform status price syncedAt } }
    }
  }
}
`,
    variables: JSON.stringify({ first: 20, after: null }, null, 2),
  },
  {
    query: `# 1. Run StartBatchSync (search "" means every product; or give productIds).
# 2. Put the returned batch id in $batchId and run WatchBatch: a snapshot first, then every change.
mutation StartBatchSync($search: String = "", $platforms: [Platform!]! = [SHOPEE, TIKTOK_SHOP]) {
  startBatchSync(input: { search: $search, platforms: $platforms }) {
    batch { id status total }
    userErrors { field code message }
  }
}

subscription WatchBatch($batchId: ID!) {
  batchProgress(batchId: $batchId) {
    seq
    batch { id status total succeeded failed skipped deadLettered percent }
    item { sku platform status errorClass errorMessage }
  }
}
`,
    variables: JSON.stringify({ search: "", batchId: "<batch id from StartBatchSync>" }, null, 2),
  },
  {
    query: `# Items that will not succeed by retrying alone land here, with the marketplace's answer.
# Fix the cause (product data, category mapping), then retry one by its id.
query OpenDeadLetters($platform: Platform) {
  deadLetters(first: 20, platform: $platform) {
    totalCount
    edges { node { id sku platform errorClass errorField errorMessage attempts lastResponse } }
  }
}

mutation RetryDeadLetter($id: ID!) {
  retryDeadLetter(id: $id) {
    batch { id status total }
    userErrors { field code message }
  }
}
`,
    variables: JSON.stringify({ platform: null, id: "<dead letter id>" }, null, 2),
  },
];
