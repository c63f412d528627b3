// Must come first: it registers monaco's web workers before GraphiQL loads the editor.
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import { GraphiQL } from "graphiql";
import { createRoot } from "react-dom/client";
import { useMemo } from "react";
import { TOKEN_KEY } from "../auth/session";
import { EXAMPLES } from "./examples";
import { credentialFetcher } from "./fetcher";

function sessionToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function Playground() {
  const token = sessionToken();
  const fetcher = useMemo(() => {
    const wsProtocol = location.protocol === "https:" ? "wss:" : "ws:";
    return credentialFetcher({
      url: `${location.origin}/graphql`,
      wsUrl: `${wsProtocol}//${location.host}/graphql`,
      sessionToken,
    });
  }, []);
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={EXAMPLES}
      initialHeaders={token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined}
    />
  );
}

createRoot(document.getElementById("root")!).render(<Playground />);
