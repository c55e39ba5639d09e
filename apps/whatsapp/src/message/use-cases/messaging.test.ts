import { randomUUID } from 'node:crypto'
import type { ChatMessage } from '@wired/proto/whatsapp/v1/message'
import { describe, expect, it } from 'vitest'
import type { ConversationDirectory } from '../../shared/conversation-directory'
import type { ChatEventPublisher } from '../adapters/chat-event-publisher'
import type { MessageStore } from '../adapters/message-store'
import type { SendCommand } from '../domain/send-rules'
import { createMessaging } from './messaging'

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
      mediaUrlPrefix: 'http://127.0.0.1:8082/v1/media/',
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

describe('sendMessages with a clientMessageId already stored', () => {
  it('answers a resend into the same conversation with the stored message, and refuses one into another', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()]
    const [first, second] = [randomUUID(), randomUUID()]
    const stored = { seq: 1, conversationId: first, clientMessageId: 'client-0001', text: 'hi' } as ChatMessage
    const published: string[] = []
    const messaging = createMessaging({
      store: {} as MessageStore,
      // The key (sender, clientMessageId) is taken: the store finds the message instead of inserting.
      sends: { insertOrFind: async () => ({ message: stored, duplicate: true }) },
      receipts: { advance: async () => ({}) as never },
      directory: { memberIds: async () => [alice, bob] } as unknown as ConversationDirectory,
      publisher: {
        messageAccepted: async (message: ChatMessage) => void published.push(message.conversationId),
      } as unknown as ChatEventPublisher,
      mediaUrlPrefix: 'http://127.0.0.1:8082/v1/media/',
    })
    const send = (conversationId: string) => ({
      senderId: alice,
      conversationId,
      clientMessageId: 'client-0001',
      text: 'hi',
    })

    const [resend, reuse] = await messaging.sendMessages([send(first), send(second)])

    expect(resend).toMatchObject({ status: 'fulfilled', value: { message: stored, duplicate: true } })
    expect(reuse).toMatchObject({
      status: 'rejected',
      reason: { code: 'ALREADY_EXISTS', message: expect.stringMatching(/already used in another conversation/) },
    })
    expect(published).toEqual([first])
  })
})

describe('sendMessages publishing a resend', () => {
  it('publishes a message once however often this process is asked to send it, but again after a restart', async () => {
    const [alice, bob, conversationId] = [randomUUID(), randomUUID(), randomUUID()]
    const stored = { messageId: randomUUID(), seq: 1, conversationId, clientMessageId: 'client-0001' } as ChatMessage
    const published: string[] = []
    let inserted = false
    // A fresh process: the first send inserts, every later one finds the row.
    const startProcess = () =>
      createMessaging({
        store: {} as MessageStore,
        sends: {
          insertOrFind: async () => {
            const duplicate = inserted
            inserted = true
            return { message: stored, duplicate }
          },
        },
        receipts: { advance: async () => ({}) as never },
        directory: { memberIds: async () => [alice, bob] } as unknown as ConversationDirectory,
        publisher: {
          messageAccepted: async (message: ChatMessage) => void published.push(message.messageId),
        } as unknown as ChatEventPublisher,
        mediaUrlPrefix: 'http://127.0.0.1:8082/v1/media/',
      })
    const send = { senderId: alice, conversationId, clientMessageId: 'client-0001', text: 'hi' }

    const messaging = startProcess()
    for (let i = 0; i < 5; i++) await messaging.sendMessages([send])
    expect(published).toEqual([stored.messageId])
    // The process died (maybe between its insert and its publish): the resend it gets next is published.
    await startProcess().sendMessages([send])
    expect(published).toEqual([stored.messageId, stored.messageId])
  })
})
