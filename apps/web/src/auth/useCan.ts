import { useQuery } from "@apollo/client/react";
import type { Permission } from "../gql/graphql";
import { viewerQuery } from "./operations";

/**
 * Whether the signed-in caller holds a permission, to disable what they may not do. Unknown (not
 * signed in, or no viewer yet) counts as allowed: the server decides and says so.
 */
export function useCan(permission: Permission): boolean {
  const { data } = useQuery(viewerQuery, { fetchPolicy: "cache-first" });
  const viewer = data?.viewer;
  return !viewer || viewer.permissions.includes(permission);
}
