import { useQuery } from "@apollo/client/react";
import { useCan } from "../../auth/useCan";
import { viewerQuery } from "../../auth/operations";
import { PageHeader } from "../../ui/PageHeader";
import { EmptyState, ErrorState, Loading } from "../../ui/states";
import { usersQuery } from "./operations";
import { fill, usersText as text } from "./strings";
import { UserRow } from "./UserRow";

/** Admins see everyone who can sign in and lock out whoever must not any more. */
export function UsersPage() {
  const canAdmin = useCan("ADMIN");
  const { data: viewer } = useQuery(viewerQuery, { fetchPolicy: "cache-first" });
  const { data, error, refetch, fetchMore } = useQuery(usersQuery, {
    skip: !canAdmin,
    fetchPolicy: "cache-and-network",
  });

  if (!canAdmin)
    return (
      <>
        <PageHeader title={text.title} />
        <EmptyState title={text.adminsOnly}>
          <p>{text.adminsOnlyBody}</p>
        </EmptyState>
      </>
    );

  const users = data?.users;
  return (
    <>
      <PageHeader
        title={text.title}
        subtitle={text.subtitle}
        actions={users && <span className="muted">{fill(text.count, { count: users.totalCount })}</span>}
      />
      {error && !users ? (
        <ErrorState error={error} retry={() => void refetch()} title={text.couldNotRead} />
      ) : !users ? (
        <Loading label={text.loading} />
      ) : users.edges.length === 0 ? (
        <EmptyState title={text.empty} />
      ) : (
        <div className="table-wrap">
          <table className="table users-table">
            <thead>
              <tr>
                <th scope="col">{text.columns.person}</th>
                <th scope="col">{text.columns.role}</th>
                <th scope="col">{text.columns.status}</th>
                <th scope="col">{text.columns.failedSignIns}</th>
                <th scope="col">{text.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {users.edges.map((e) => (
                <UserRow key={e.node.id} user={e.node} isViewer={e.node.id === viewer?.viewer?.id} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {users?.pageInfo.hasNextPage && (
        <button
          type="button"
          className="button"
          onClick={() => void fetchMore({ variables: { after: users.pageInfo.endCursor } })}
        >
          {text.showMore}
        </button>
      )}
    </>
  );
}
