import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { ApolloSetup } from "./ApolloSetup";
import { Layout } from "./Layout";
import { NotFound } from "./NotFound";
import { LoginPage } from "../auth/LoginPage";
import { ProductsPage } from "../features/products/ProductsPage";
import { ProductPage } from "../features/product/ProductPage";
import { BatchesPage } from "../features/batches/BatchesPage";
import { BatchPage } from "../features/batches/BatchPage";
import { DeadLettersPage } from "../features/dead-letters/DeadLettersPage";
import { QueuesPage } from "../features/queues/QueuesPage";
import { SyncLogsPage } from "../features/logs/SyncLogsPage";

export function App() {
  return (
    <ApolloSetup>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<Layout />}>
            <Route index element={<Navigate to="/products" replace />} />
            <Route path="products" element={<ProductsPage />} />
            <Route path="products/:id" element={<ProductPage />} />
            <Route path="batches" element={<BatchesPage />} />
            <Route path="batches/:id" element={<BatchPage />} />
            <Route path="dead-letters" element={<DeadLettersPage />} />
            <Route path="queues" element={<QueuesPage />} />
            <Route path="logs" element={<SyncLogsPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </ApolloSetup>
  );
}
