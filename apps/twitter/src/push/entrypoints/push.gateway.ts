import type { Logger } from '@wired/runtime'
import type { GatewayConnection } from '@wired/ws'
import type { UsersClient } from '../../shared/clients'
import type { PushFrame } from '../../shared/push-frames'
import type { OnlineReaders, Reader } from '../adapters/online-readers'
import { parseClientFrame } from '../domain/parse-frame'

/**
 * One reader's socket: load whom they follow (gRPC ListFollowing), index the socket, say ready;
 * then take `watch` frames. Everything else this socket receives comes from the Kafka consumers.
 */
export function pushSocket(readers: OnlineReaders, users: UsersClient, logger: Logger) {
  return (connection: GatewayConnection<Reader>): void => {
    let open = true
    connection.onClose(() => {
      open = false
      readers.remove(connection)
    })
    connection.onMessage((message) => {
      const frame = parseClientFrame(message)
      if ('error' in frame)
        connection.send({ type: 'error', code: 'INVALID_ARGUMENT', message: frame.error } satisfies PushFrame)
      else readers.watch(connection, frame.postIds)
    })
    users.listFollowing({ userId: connection.principal.userId }).then(
      ({ following }) => {
        if (!open) return
        readers.add(
          connection,
          following.map((followee) => followee.userId),
        )
        connection.send({ type: 'ready', userId: connection.principal.userId } satisfies PushFrame)
      },
      (error: unknown) => {
        logger.warn({ err: error }, 'could not load whom a reader follows; closing their socket')
        connection.close(1011, 'try again')
      },
    )
  }
}
