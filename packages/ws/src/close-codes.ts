/**
 * The close codes this gateway sends (RFC 6455 §7.4.1 and the IANA registry). A client decides
 * from the code whether to reconnect: 1001 and 1013 mean "come back", 1008 means "you broke a
 * rule" (reconnecting at once and repeating it is pointless), 1009 means "that frame was too big".
 */
export const CLOSE_CODES = {
  /** Normal closure, e.g. the app closed the connection deliberately. */
  NORMAL: 1000,
  /** Going away: the server is shutting down (gateway.close()). Reconnect to another replica. */
  GOING_AWAY: 1001,
  /** Never sent on the wire: the TCP connection ended without a close frame (e.g. heartbeat terminate). */
  ABNORMAL: 1006,
  /** Policy violation: the per-connection rate limit was exceeded. */
  POLICY_VIOLATION: 1008,
  /** Message too big: a frame exceeded maxPayload (sent by the ws library itself). */
  MESSAGE_TOO_BIG: 1009,
  /**
   * Try again later: a slow consumer whose unread data passed maxBufferedBytes. The client is
   * not at fault by any rule it could follow, and the right reaction is to reconnect after a
   * backoff and resume from the last sequence number it saw, which is what 1013 tells it.
   */
  TRY_AGAIN_LATER: 1013,
} as const
