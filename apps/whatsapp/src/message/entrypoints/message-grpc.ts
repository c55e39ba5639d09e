import { unary } from '@wired/grpc'
import type { MessageServiceServer } from '@wired/proto/whatsapp/v1/message'
import type { Messaging } from '../use-cases'

/** MessageService over gRPC. unary() turns a thrown AppError into the matching gRPC status. */
export function messageGrpcHandlers(messaging: Messaging): MessageServiceServer {
  return {
    sendMessage: unary((request) =>
      messaging.sendMessage({
        senderId: request.senderId,
        conversationId: request.conversationId,
        clientMessageId: request.clientMessageId,
        text: request.text,
        media: request.media,
      }),
    ),
    markDelivered: unary(async ({ userId, conversationId, upToSeq }) => ({
      receipt: await messaging.markReceipt('delivered', userId, conversationId, upToSeq),
    })),
    markRead: unary(async ({ userId, conversationId, upToSeq }) => ({
      receipt: await messaging.markReceipt('read', userId, conversationId, upToSeq),
    })),
    history: unary(({ userId, conversationId, beforeSeq, limit }) =>
      messaging.history(userId, conversationId, beforeSeq, limit),
    ),
    syncSince: unary(({ userId, seen, limit }) => messaging.syncSince(userId, seen, limit)),
  }
}
