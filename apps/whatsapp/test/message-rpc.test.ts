import { randomUUID } from 'node:crypto'
import { ReceiptKind, type SendMessageRequest } from '@wired/proto/whatsapp/v1/message'
import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectMessages, type MessageClient } from '../src/shared/clients'
import { conversationOf, signUp } from './support/chatter'
import { count } from './support/sql'
import { bootSystem, type RunningSystem } from './support/system'

/**
 * The batched MessageService RPCs, called with a real gRPC client exactly as a gateway calls
 * them: each item succeeds or fails on its own, in request order, and a refused item stores
 * nothing while its neighbours are stored.
 */
describe.each(runModes())('MessageService batch RPCs over gRPC (%s)', (mode) => {
  let system: RunningSystem
  let messages: MessageClient
  beforeAll(async () => {
    system = await bootSystem(mode)
    messages = connectMessages(system.messageAddress, { name: 'gateway', secret: system.grpcSecret })
  }, 120_000)
  afterAll(async () => {
    messages?.close()
    await system?.stop()
  })

  const stored = (clientMessageId: string) =>
    count(system, 'SELECT count(*) AS n FROM wa_messages.messages WHERE client_message_id = $1', [clientMessageId])

  it('answers each send of a batch on its own, in request order, storing only the accepted ones', async () => {
    const [alice, bob, mallory] = await Promise.all([signUp(system, 'a'), signUp(system, 'b'), signUp(system, 'm')])
    const conversationId = await conversationOf(alice, [bob])
    const send = (senderId: string, clientMessageId: string, text: string): SendMessageRequest => ({
      senderId,
      conversationId,
      clientMessageId,
      text,
    })
    const id = () => `rpc-${randomUUID()}`
    const sends = [
      send(alice.userId, id(), 'first'),
      send(mallory.userId, id(), 'not a member'),
      send(alice.userId, id(), ''),
      send(bob.userId, id(), 'second'),
      send(alice.userId, id(), 'third'),
    ]
    const { outcomes } = await messages.sendMessages({ sends })
    expect(outcomes.map(({ outcome }) => (outcome?.$case === 'error' ? outcome.value.code : outcome?.$case))).toEqual([
      'sent',
      'PERMISSION_DENIED',
      'INVALID_ARGUMENT',
      'sent',
      'sent',
    ])
    const seqs = outcomes.flatMap(({ outcome }) => (outcome?.$case === 'sent' ? [outcome.value.message!.seq] : []))
    expect(seqs).toEqual([1, 2, 3])
    const refused = outcomes[2]!.outcome
    expect(refused?.$case === 'error' && JSON.parse(refused.value.detailsJson)).toEqual({ field: 'text' })
    expect(await Promise.all(sends.map((s) => stored(s.clientMessageId)))).toEqual([1, 0, 0, 1, 1])

    // The same batch again is a retry: the same messages come back, marked duplicate, none stored twice.
    const again = await messages.sendMessages({ sends: [sends[0]!, sends[3]!] })
    expect(
      again.outcomes.map(
        ({ outcome }) => outcome?.$case === 'sent' && [outcome.value.message!.seq, outcome.value.duplicate],
      ),
    ).toEqual([
      [1, true],
      [2, true],
    ])
    expect(await stored(sends[0]!.clientMessageId)).toBe(1)
  })

  it('refuses a batch over 500 items as a whole, storing none of it', async () => {
    const [alice, bob] = await Promise.all([signUp(system, 'a'), signUp(system, 'b')])
    const conversationId = await conversationOf(alice, [bob])
    const prefix = `big-${randomUUID().slice(0, 8)}`
    const sends = Array.from({ length: 501 }, (_, i) => ({
      senderId: alice.userId,
      conversationId,
      clientMessageId: `${prefix}-${i}`,
      text: 'x',
    }))
    await expect(messages.sendMessages({ sends })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    expect(
      await count(system, 'SELECT count(*) AS n FROM wa_messages.messages WHERE conversation_id = $1', [
        conversationId,
      ]),
    ).toBe(0)
  })

  it('moves receipts item by item: a bad kind or a seq beyond the last message fails alone', async () => {
    const [alice, bob] = await Promise.all([signUp(system, 'a'), signUp(system, 'b')])
    const conversationId = await conversationOf(alice, [bob])
    await messages.sendMessages({
      sends: [1, 2].map((n) => ({
        senderId: alice.userId,
        conversationId,
        clientMessageId: `rcpt-${randomUUID()}-${n}`,
        text: `m${n}`,
      })),
    })
    const receipt = (kind: ReceiptKind, upToSeq: number) => ({ userId: bob.userId, conversationId, upToSeq, kind })
    // One call is one batch: every accepted item answers with the watermarks after all of them.
    const { outcomes } = await messages.markReceipts({
      receipts: [
        receipt(ReceiptKind.DELIVERED, 1),
        receipt(ReceiptKind.UNSPECIFIED, 2),
        receipt(ReceiptKind.READ, 9),
        receipt(ReceiptKind.READ, 2),
      ],
    })
    expect(
      outcomes.map(({ outcome }) =>
        outcome?.$case === 'error' ? outcome.value.code : [outcome?.value.deliveredSeq, outcome?.value.readSeq],
      ),
    ).toEqual([[2, 2], 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', [2, 2]])
    const [row] = await Promise.all([
      count(system, 'SELECT read_seq AS n FROM wa_messages.receipts WHERE conversation_id = $1 AND user_id = $2', [
        conversationId,
        bob.userId,
      ]),
    ])
    expect(row).toBe(2)
  })
})
