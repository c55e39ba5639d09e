import { randomUUID } from 'node:crypto'
import type { ChatMessage } from '@wired/proto/whatsapp/v1/message'
import { describe, expect, it } from 'vitest'
import type { ConversationDirectory } from '../shared/conversation-directory'
import type { ChatEventPublisher } from './adapters/chat-event-publisher'
import type { MessageStore } from './adapters/message-store'
import type { SendCommand } from './domain/send-rules'
import { createMessaging } from './use-cases'

// The ordering rule of a batch is pure scheduling, so stand-ins are enough: a directory whose
// answers come back in the reverse order of the questions, the way concurrent gRPC lookups may.
describe('sendMessages', () => {
  it('stores the sends of one request in request order, however the member lookups finish', async () => {
    const conversationId = randomUUID()
    const [alice, bob, mallory] = [randomUUID(), randomUUID(), randomUUID()]
    let lookups = 0
    const directory = {
      memberIds: async () => {
        const delayMs = 30 - 10 * lookups++ // the first question is answered last
        await new Promise((resolve) => setTimeout(resolve, delayMs))
        return [alice, bob]
      },
    } as unknown as ConversationDirectory
    const stored: string[] = []
    const sends = {
      insertOrFind: async (command: SendCommand) => {
        stored.push(command.text)
        const message = { seq: stored.length, text: command.text } as ChatMessage
        return { message, duplicate: false }
      },
    }
    const published: number[] = []
    const publisher = {
      messageAccepted: async (message: ChatMessage) => void published.push(message.seq),
    } as unknown as ChatEventPublisher
    const messaging = createMessaging({
      store: {} as MessageStore,
      sends,
      receipts: { advance: async () => ({}) as never },
      directory,
      publisher,
    })
    const send = (senderId: string, text: string) => ({ senderId, conversationId, clientMessageId: randomUUID(), text })

    const results = await messaging.sendMessages([
      send(alice, 'first'),
      send(mallory, 'not a member'),
      send(bob, 'second'),
      send(alice, ''),
      send(alice, 'third'),
    ])

    expect(stored).toEqual(['first', 'second', 'third'])
    expect(
      results.map((r) => (r.status === 'fulfilled' ? r.value.message.seq : (r.reason as { code: string }).code)),
    ).toEqual([1, 'PERMISSION_DENIED', 2, 'INVALID_ARGUMENT', 3])
    expect(published.sort()).toEqual([1, 2, 3])
  })
})
