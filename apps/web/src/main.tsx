import { createRoot } from "react-dom/client";

// The dashboard replaces this page; until then it points people at what works.
function Home() {
  return (
    <main
      style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", lineHeight: 1.5 }}
    >
      <h1>SyncStore</h1>
      <p>The catalog API is running.</p>
      <ul>
        <li>
          <a href="/playground">GraphQL playground</a>
        </li>
        <li>
          <a href="/healthz">Health</a>
        </li>
      </ul>
    </main>
  );
}

createRoot(document.getElementById("root")!).render(<Home />);
