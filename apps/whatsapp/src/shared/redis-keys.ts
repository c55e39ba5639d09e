/**
 * Redis names shared by the gateway (which subscribes and keeps presence) and the delivery
 * consumer (which publishes). User ids are UUIDs, so runs sharing one Redis never collide.
 */

/**
 * Pub/sub channel of one user. Every gateway holding a socket of that user SUBSCRIBEs to it;
 * PUBLISH answers how many subscribers got the payload, so 0 means "no socket anywhere".
 * The payload is the ready-to-send JSON frame, so a gateway forwards it without re-encoding.
 */
export const inboxChannel = (userId: string) => `whatsapp:inbox:${userId}`

/**
 * Sorted set per conversation: member = user id, score = the highest seq that user's devices
 * reported delivered. The delivery service keeps it (ZADD GT, so a replayed older receipt never
 * lowers it) and reads it before a push, so a message Kafka hands over again (a redelivery, or
 * a client's resend that the message service republishes) is not pushed to someone who has it.
 * It holds one entry per member per conversation, as many as the receipts table has rows, so it
 * grows with conversations, not with messages; no TTL. A cache: if it is lost, the worst that
 * happens is a repeated push, never a lost message.
 */
export const deliveredKey = (conversationId: string) => `whatsapp:delivered:${conversationId}`

/**
 * Every gateway SUBSCRIBEs here. A sign-out PUBLISHes the ended token's hash (session-token.ts),
 * and the gateway holding a socket opened with that token closes it (CLOSE_SESSION_EXPIRED), so
 * signing out on one device ends that device's live socket too, not only its next request. Like
 * all pub/sub it is at-most-once: a gateway that misses it closes the socket when the token
 * expires, the bound that held before.
 */
export const SIGNED_OUT_CHANNEL = 'whatsapp:signed-out'

/** `SET presence:<id> <gatewayId> EX 45` on connect and every heartbeat; missing = offline. */
export const presenceKey = (userId: string) => `whatsapp:presence:${userId}`

/** Epoch ms of the user's last disconnect (no TTL: "last seen" outlives the session). */
export const lastSeenKey = (userId: string) => `whatsapp:last-seen:${userId}`

/** Seconds a presence key lives without a heartbeat; about three missed heartbeats. */
export const PRESENCE_TTL_SECONDS = 45
