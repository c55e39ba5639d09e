import { decodeEvent, type EventLog } from '@wired/events'
import type { RedisClient } from '@wired/redis'
import { deliveredKey, inboxChannel } from '../../shared/redis-keys'
import { ReceiptUpdatedEvent } from '../../shared/topics'
import { planReceiptDeliveries } from '../domain/fan-out'

/**
 * Kafka consumer: group `whatsapp-receipt-delivery` on `whatsapp.receipts`. Receipts travel the
 * same road back to the sender as messages did to the recipient. An offline sender misses the
 * live frame, which is fine: receipts are watermarks, and the sender's next sync returns them.
 * Each receipt also raises the member's delivered mark in Redis, which the messages consumer
 * reads before a push.
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
    // A batch at a time, every PUBLISH sent before any reply is awaited (see messages.consumer.ts).
    batchHandler: async (records) => {
      // async: a record that cannot be decoded rejects its own promise and never throws mid-batch.
      await Promise.all(
        records.map(async (record) => {
          const { receipt, recipientIds } = decodeEvent(ReceiptUpdatedEvent, record)
          if (!receipt) return
          // The ZADD is sent before the PUBLISHes on the same connection, so by the time the
          // sender sees this receipt, the mark is in Redis (the resend test relies on it).
          await Promise.all([
            // GT: only ever raises the mark, so a replayed older receipt cannot lower it.
            redis.zadd(deliveredKey(receipt.conversationId), 'GT', receipt.deliveredSeq, receipt.userId),
            ...planReceiptDeliveries(receipt, recipientIds).map(({ userId, frame }) =>
              redis.publish(inboxChannel(userId), frame),
            ),
          ])
        }),
      )
    },
  })
}
