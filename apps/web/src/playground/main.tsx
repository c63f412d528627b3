// Must come first: it registers monaco's web workers before GraphiQL loads the editor.
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { createRoot } from "react-dom/client";
import { useMemo } from "react";

const STORAGE_KEY = "syncstore.token";

const DEFAULT_QUERY = `# Welcome to the SyncStore GraphQL playground.
# Partners: put your API key in the Headers tab as {"Authorization": "Bearer <key>"}.

query FirstProducts {
  products(first: 5) {
    totalCount
    edges {
      cursor
      node { id sku title price currency stock listings { platform status price } }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

function Playground() {
  const token = localStorage.getItem(STORAGE_KEY);
  const fetcher = useMemo(() => {
    const wsProtocol = location.protocol === "https:" ? "wss:" : "ws:";
    return createGraphiQLFetcher({
      url: `${location.origin}/graphql`,
      subscriptionUrl: `${wsProtocol}//${location.host}/graphql`,
      wsConnectionParams: token ? { authorization: `Bearer ${token}` } : {},
    });
  }, [token]);
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={DEFAULT_QUERY}
      initialHeaders={token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined}
    />
  );
}

createRoot(document.getElementById("root")!).render(<Playground />);
