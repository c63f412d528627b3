import { StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { PageSkeleton } from "./ui/PageSkeleton";
import "./i18n/setup";
import "./styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    {/* A reader of a lazily loaded language sees the page's shape until their catalog arrives. */}
    <Suspense fallback={<PageSkeleton />}>
      <App />
    </Suspense>
  </StrictMode>,
);
