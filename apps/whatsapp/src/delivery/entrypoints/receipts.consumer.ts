import { decodeEvent, type EventLog } from '@wired/events'
import type { RedisClient } from '@wired/redis'
import { inboxChannel } from '../../shared/redis-keys'
import { ReceiptUpdatedEvent } from '../../shared/topics'
import { planReceiptDeliveries } from '../domain/fan-out'

/**
 * Kafka consumer: group `whatsapp-receipt-delivery` on `whatsapp.receipts`. Receipts travel the
 * same road back to the sender as messages did to the recipient. An offline sender misses the
 * live frame, which is fine: receipts are watermarks, and the sender's next sync returns them.
 */
export function consumeReceiptsForDelivery(
  eventLog: EventLog,
  options: { topic: string; groupId: string },
  redis: RedisClient,
) {
  return eventLog.subscribe({
    groupId: options.groupId,
    topics: [options.topic],
    fromBeginning: true,
    handler: async (record) => {
      const { receipt, recipientIds } = decodeEvent(ReceiptUpdatedEvent, record)
      if (!receipt) return
      await Promise.all(
        planReceiptDeliveries(receipt, recipientIds).map(({ userId, frame }) =>
          redis.publish(inboxChannel(userId), frame),
        ),
      )
    },
  })
}
