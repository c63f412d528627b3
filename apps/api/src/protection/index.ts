export { measureOperation, DEFAULT_COST_OPTIONS, type CostOptions, type OperationMeasure } from "./cost";
export {
  queryLimitsFromConfig,
  complexityError,
  checkQuery,
  costReport,
  type QueryLimits,
  type CostReport,
} from "./limits";
export { queryComplexityPlugin } from "./complexity-plugin";
export { RateLimiter, rateLimitKey, type RateLimitOptions, type RateLimitDecision } from "./rate-limiter";
export { limitRefusedCredentials, rateLimitRequests } from "./rate-limit-middleware";
export {
  OriginPolicy,
  configuredPublicHosts,
  securityHeaders,
  corsPolicy,
  jsonBody,
  bodyErrors,
  MAX_BODY_BYTES,
} from "./http-security";
export { createWsGuard, type WsGuard, type WsGuardDeps, type WsContextLike } from "./ws-guard";
export { WS_CLOSE } from "./ws-close-codes";
export { wsAdmission, clientAddress, type TrustProxy, type WsAdmissionOptions } from "./ws-admission";
export { inputError, inputGuardPlugin } from "./input-guard";
