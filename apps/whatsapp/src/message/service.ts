import { openServiceDatabase } from '@wired/db'
import { grpcService, serveGrpc } from '@wired/grpc'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { MessageServiceService } from '@wired/proto/whatsapp/v1/message'
import { silentLogger } from '@wired/runtime'
import { MESSAGE_SERVICE_CALLERS } from '../shared/callers'
import { connectUsers } from '../shared/clients'
import { ConversationDirectory } from '../shared/conversation-directory'
import { ensureTopics, whatsappTopics } from '../shared/topics'
import { ChatEventPublisher } from './adapters/chat-event-publisher'
import { MessageStore } from './adapters/message-store'
import { ReceiptBatcher } from './adapters/receipt-batcher'
import { SendBatcher } from './adapters/send-batcher'
import type { MessageConfig } from './config'
import { messageGrpcHandlers } from './entrypoints/message.grpc'
import { createMessaging } from './use-cases/messaging'

const migrations = new URL('./migrations', import.meta.url).pathname

/** The message service: gRPC MessageService in front of PostgreSQL, publishing to Kafka. */
export function createService(config: MessageConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const { url, schema, connections } = config.database
    const pool = await openServiceDatabase({ url, schema, migrations, logger, maxConnections: connections })
    shutdown.defer(() => pool.end())
    const eventLog = await openEventLog(deps, shutdown, { brokers: config.kafkaBrokers, clientId: 'whatsapp-message' })
    const topics = whatsappTopics(config.topicPrefix)
    await ensureTopics(eventLog, topics)
    const users = connectUsers(config.usersAddress, { name: 'message', secret: config.grpcSecret })
    shutdown.defer(() => users.close())

    const store = new MessageStore(pool)
    const messaging = createMessaging({
      store,
      sends: new SendBatcher(pool, store),
      receipts: new ReceiptBatcher(store),
      directory: new ConversationDirectory(users, config.membersCacheMs),
      publisher: new ChatEventPublisher(eventLog, topics),
      mediaUrlPrefix: config.mediaUrlPrefix,
    })
    const grpc = await serveGrpc({
      host: config.bindHost,
      port: config.grpcPort,
      services: [grpcService(MessageServiceService, messageGrpcHandlers(messaging, logger), MESSAGE_SERVICE_CALLERS)],
      secret: config.grpcSecret,
      logger,
    })
    shutdown.defer(() => grpc.stop())
    return { grpc: grpc.address }
  }, logger)
}
