import { fileURLToPath } from 'node:url'
import { createKafkaEventLog, type EventLog } from '@wired/events'
import { serveGrpc } from '@wired/grpc'
import { MessageServiceService } from '@wired/proto/whatsapp/v1/message'
import { type Logger, silentLogger } from '@wired/runtime'
import { connectUsers } from '../shared/clients'
import { ConversationDirectory } from '../shared/conversation-directory'
import { openServiceDatabase } from '../shared/database'
import { type Service, Shutdown } from '../shared/service'
import { ensureTopics, whatsappTopics } from '../shared/topics'
import { ChatEventPublisher } from './adapters/chat-event-publisher'
import { MessageStore } from './adapters/message-store'
import { ReceiptBatcher } from './adapters/receipt-batcher'
import { SendBatcher } from './adapters/send-batcher'
import type { MessageConfig } from './config'
import { messageGrpcHandlers } from './entrypoints/message-grpc'
import { createMessaging } from './use-cases'

const migrations = fileURLToPath(new URL('./migrations', import.meta.url))

export interface MessageDeps {
  logger?: Logger
  /** The embedded mode passes its in-process MemoryEventLog; otherwise Kafka at config.kafkaBrokers. */
  eventLog?: EventLog
}

/** The message service: gRPC MessageService in front of PostgreSQL, publishing to Kafka. */
export function createMessageService(config: MessageConfig, deps: MessageDeps = {}): Service<{ grpcAddress: string }> {
  const logger = deps.logger ?? silentLogger
  const shutdown = new Shutdown(logger)
  return {
    async start() {
      const pool = await openServiceDatabase(config.databaseUrl, config.databaseSchema, migrations, {
        logger,
        maxConnections: config.databaseConnections,
      })
      shutdown.defer(() => pool.end())
      const eventLog =
        deps.eventLog ??
        (await createKafkaEventLog({ brokers: config.kafkaBrokers, clientId: 'whatsapp-message', logger }))
      if (!deps.eventLog) shutdown.defer(() => eventLog.close())
      const topics = whatsappTopics(config.topicPrefix)
      await ensureTopics(eventLog, topics)
      const users = connectUsers(config.usersAddress)
      shutdown.defer(() => users.close())

      const store = new MessageStore(pool)
      const messaging = createMessaging({
        store,
        sends: new SendBatcher(pool, store),
        receipts: new ReceiptBatcher(store),
        directory: new ConversationDirectory(users, config.membersCacheMs),
        publisher: new ChatEventPublisher(eventLog, topics),
      })
      const grpc = await serveGrpc({
        host: config.grpcHost,
        port: config.grpcPort,
        services: [{ definition: MessageServiceService, implementation: messageGrpcHandlers(messaging, logger) }],
        logger,
      })
      shutdown.defer(() => grpc.stop())
      return { grpcAddress: grpc.address }
    },
    stop: () => shutdown.run(),
  }
}
