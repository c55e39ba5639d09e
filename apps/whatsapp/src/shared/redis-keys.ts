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

/** `SET presence:<id> <gatewayId> EX 45` on connect and every heartbeat; missing = offline. */
export const presenceKey = (userId: string) => `whatsapp:presence:${userId}`

/** Epoch ms of the user's last disconnect (no TTL: "last seen" outlives the session). */
export const lastSeenKey = (userId: string) => `whatsapp:last-seen:${userId}`

/** Seconds a presence key lives without a heartbeat; about three missed heartbeats. */
export const PRESENCE_TTL_SECONDS = 45
