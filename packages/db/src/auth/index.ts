export {
  UserRepository,
  type UserRow,
  type SignInLookupRow,
  type SignInFailureSummaryRow,
  type UserChangeRefusal,
} from "./users";
export { SessionRepository, type SessionWithUserRow } from "./sessions";
export { ApiKeyRepository, type ApiKeyRow } from "./api-keys";
export type { KeysetPosition, KeysetRows } from "./keyset";
