import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { useCan } from "../../auth/useCan";
import { viewerQuery } from "../../auth/operations";
import { PageHeader } from "../../ui/PageHeader";
import { EmptyState, ErrorState, Loading } from "../../ui/states";
import { usersQuery } from "./operations";
import { UserRow } from "./UserRow";

/** Admins see everyone who can sign in and lock out whoever must not any more. */
export function UsersPage() {
  const { t } = useTranslation();
  const canAdmin = useCan("ADMIN");
  const { data: viewer } = useQuery(viewerQuery, { fetchPolicy: "cache-first" });
  const { data, error, refetch, fetchMore } = useQuery(usersQuery, {
    skip: !canAdmin,
    fetchPolicy: "cache-and-network",
  });

  if (!canAdmin)
    return (
      <>
        <PageHeader title={t("users.title")} />
        <EmptyState title={t("users.adminsOnly")}>
          <p>{t("users.adminsOnlyBody")}</p>
        </EmptyState>
      </>
    );

  const users = data?.users;
  return (
    <>
      <PageHeader
        title={t("users.title")}
        subtitle={t("users.subtitle")}
        actions={users && <span className="muted">{t("users.count", { count: users.totalCount })}</span>}
      />
      {error && !users ? (
        <ErrorState error={error} retry={() => void refetch()} title={t("users.couldNotRead")} />
      ) : !users ? (
        <Loading label={t("users.loading")} />
      ) : users.edges.length === 0 ? (
        <EmptyState title={t("users.empty")} />
      ) : (
        <div className="table-wrap">
          <table className="table users-table">
            <thead>
              <tr>
                <th scope="col">{t("users.columns.person")}</th>
                <th scope="col">{t("users.columns.role")}</th>
                <th scope="col">{t("users.columns.status")}</th>
                <th scope="col">{t("users.columns.failedSignIns")}</th>
                <th scope="col">{t("users.columns.actions")}</th>
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
          {t("users.showMore")}
        </button>
      )}
    </>
  );
}
