import { decodeEvent, type EventLog, type IncomingRecord } from '@wired/events'
import type { RedisClient } from '@wired/redis'
import type { NotificationClient } from '../../shared/clients'
import { deliveredKey, inboxChannel } from '../../shared/redis-keys'
import { MessageAcceptedEvent } from '../../shared/topics'
import { planMessageDeliveries, pushPreview, shouldPush } from '../domain/fan-out'

/**
 * Kafka consumer: group `whatsapp-delivery` on `whatsapp.messages`. For every member,
 * PUBLISH the frame on the member's inbox channel; the gateways holding that member's sockets
 * are subscribed and forward it. PUBLISH answers how many subscribers received it: 0 means no
 * socket anywhere, so the member gets a push instead (gRPC Notify), unless their devices
 * already reported the message delivered (see deliveredKey).
 *
 * The offset is committed only after this handler resolves, so a crash here means the record
 * is handled again: members may get the frame twice (their clients drop a seq they have seen),
 * and Notify is idempotent on (user, message).
 */
export function consumeMessagesForDelivery(
  eventLog: EventLog,
  options: { topic: string; groupId: string },
  redis: RedisClient,
  notifications: NotificationClient,
) {
  async function deliverMessage(record: IncomingRecord): Promise<void> {
    const { message, memberIds } = decodeEvent(MessageAcceptedEvent, record)
    if (!message) return
    await Promise.all(
      planMessageDeliveries(message, memberIds).map(async (delivery) => {
        const { userId, frame } = delivery
        const receivers = await redis.publish(inboxChannel(userId), frame)
        if (receivers > 0 || !delivery.pushIfOffline) return
        // Offline, which is the rare case, so the extra read is only paid here.
        const deliveredUpTo = Number((await redis.zscore(deliveredKey(message.conversationId), userId)) ?? 0)
        if (!shouldPush(delivery, message.seq, deliveredUpTo)) return
        await notifications.notify({
          userId,
          conversationId: message.conversationId,
          messageId: message.messageId,
          seq: message.seq,
          senderId: message.senderId,
          preview: pushPreview(message),
        })
      }),
    )
  }

  return eventLog.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    // A brand-new group starts at the oldest retained record rather than the end, so nothing
    // accepted before the first delivery instance joined is skipped.
    fromBeginning: true,
    // A fetched batch at a time: every PUBLISH of the batch is sent before any reply is awaited.
    // They share one Redis connection, so Redis still runs them in offset order, but the batch
    // costs about one round trip instead of one per record.
    batchHandler: async (records) => {
      await Promise.all(records.map(deliverMessage))
    },
  })
}
