import { unary } from '@wired/grpc'
import type { NotificationServiceServer } from '@wired/proto/whatsapp/v1/notification'
import { AppError } from '@wired/runtime'
import { requireUuid } from '../../shared/ids'
import type { PushStore } from '../adapters/push-store'

/** NotificationService over gRPC. Notify is idempotent, because its caller is an at-least-once consumer. */
export function notificationGrpcHandlers(pushes: PushStore): NotificationServiceServer {
  return {
    notify: unary(async (request) => {
      requireUuid(request.userId, 'userId')
      requireUuid(request.messageId, 'messageId')
      requireUuid(request.conversationId, 'conversationId')
      requireUuid(request.senderId, 'senderId')
      if (!(request.seq > 0)) throw new AppError('INVALID_ARGUMENT', 'seq must be positive', { field: 'seq' })
      return { recorded: await pushes.record({ ...request, preview: request.preview.slice(0, 120) }) }
    }),
    listNotifications: unary(async ({ userId, limit }) => {
      if (limit > 500) throw new AppError('INVALID_ARGUMENT', 'limit must be at most 500', { field: 'limit' })
      return { pushes: await pushes.recent(requireUuid(userId, 'userId'), limit || 50) }
    }),
  }
}
