/**
 * Close codes of the API's WebSockets besides graphql-ws' own (4400 bad message, 4408 no
 * connection_init within 3 s, 4409 duplicate subscription id, 4429 a second connection_init, 4500).
 * README "Security notes" lists them for clients.
 */
export const WS_CLOSE = {
  /** No credential, or it stopped being valid: expired, revoked, signed out, user disabled. Sign in again. */
  UNAUTHORIZED: 4401,
  /** The credential was refused at connect, or its role or scopes changed: reconnect to continue. */
  FORBIDDEN: 4403,
  /** A message larger than the HTTP body limit (ws closes before reading it). */
  MESSAGE_TOO_BIG: 1009,
  /** A subscriber read too slowly and its queue filled up: reconnect and resubscribe. */
  SLOW_CONSUMER: 1013,
  /** More open sockets for one credential than WS_MAX_SOCKETS_PER_CREDENTIAL. */
  TOO_MANY_SOCKETS: 4429,
} as const;
