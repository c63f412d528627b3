import { Link } from "react-router";
import { EmptyState } from "../ui/states";

export function NotFound() {
  return (
    <EmptyState title="Page not found">
      <p>
        Nothing lives at this address. Go to <Link to="/products">products</Link>.
      </p>
    </EmptyState>
  );
}
