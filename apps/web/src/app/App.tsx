import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { ApolloSetup } from "./ApolloSetup";
import { Layout } from "./Layout";
import { NotFound } from "./NotFound";
import { PageSkeleton } from "../ui/PageSkeleton";

/**
 * Each page is its own chunk, loaded when first visited: the first paint needs only the shell, and
 * what one page pulls in (virtual lists, forms, future charts) never weighs on the others.
 */
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LoginPage = page(() => import("../auth/LoginPage"), "LoginPage");
const ProductsPage = page(() => import("../features/products/ProductsPage"), "ProductsPage");
const ProductPage = page(() => import("../features/product/ProductPage"), "ProductPage");
const BatchesPage = page(() => import("../features/batches/BatchesPage"), "BatchesPage");
const BatchPage = page(() => import("../features/batches/BatchPage"), "BatchPage");
const DeadLettersPage = page(() => import("../features/dead-letters/DeadLettersPage"), "DeadLettersPage");
const ChannelsPage = page(() => import("../features/channels/ChannelsPage"), "ChannelsPage");
const QueuesPage = page(() => import("../features/queues/QueuesPage"), "QueuesPage");
const SyncLogsPage = page(() => import("../features/logs/SyncLogsPage"), "SyncLogsPage");
const ImportPage = page(() => import("../features/import/ImportPage"), "ImportPage");
const AnalyticsPage = page(() => import("../features/analytics/AnalyticsPage"), "AnalyticsPage");
const UsersPage = page(() => import("../features/users/UsersPage"), "UsersPage");

function Lazy({ Page }: { Page: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<PageSkeleton />}>
      <Page />
    </Suspense>
  );
}

export function App() {
  return (
    <ApolloSetup>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<Lazy Page={LoginPage} />} />
          <Route element={<Layout />}>
            <Route index element={<Navigate to="/products" replace />} />
            <Route path="products" element={<Lazy Page={ProductsPage} />} />
            <Route path="products/:id" element={<Lazy Page={ProductPage} />} />
            <Route path="batches" element={<Lazy Page={BatchesPage} />} />
            <Route path="batches/:id" element={<Lazy Page={BatchPage} />} />
            <Route path="dead-letters" element={<Lazy Page={DeadLettersPage} />} />
            <Route path="channels" element={<Lazy Page={ChannelsPage} />} />
            <Route path="queues" element={<Lazy Page={QueuesPage} />} />
            <Route path="logs" element={<Lazy Page={SyncLogsPage} />} />
            <Route path="analytics" element={<Lazy Page={AnalyticsPage} />} />
            <Route path="import" element={<Lazy Page={ImportPage} />} />
            <Route path="users" element={<Lazy Page={UsersPage} />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </ApolloSetup>
  );
}
