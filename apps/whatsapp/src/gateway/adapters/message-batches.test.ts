import type {
  ChatMessage,
  MarkReceiptsRequest,
  MarkReceiptsResponse,
  SendMessageRequest,
  SendMessagesRequest,
  SendMessagesResponse,
} from '@wired/proto/whatsapp/v1/message'
import { ReceiptKind } from '@wired/proto/whatsapp/v1/message'
import { describe, expect, it } from 'vitest'
import type { MessageClient } from '../../shared/clients'
import { MessageBatches } from './message-batches'

// How sockets' frames become calls is scheduling, so a recording stand-in for the gRPC client
// is enough here; test/message-rpc.test.ts drives the real RPCs, test/chat.test.ts the whole road.
function recordingClient(answer: (send: SendMessageRequest, i: number) => SendMessagesResponse['outcomes'][number]) {
  const sendCalls: SendMessagesRequest[] = []
  const receiptCalls: MarkReceiptsRequest[] = []
  const client = {
    sendMessages: async (request: SendMessagesRequest): Promise<SendMessagesResponse> => {
      sendCalls.push(request)
      return { outcomes: request.sends.map(answer) }
    },
    markReceipts: async (request: MarkReceiptsRequest): Promise<MarkReceiptsResponse> => {
      receiptCalls.push(request)
      return { outcomes: request.receipts.slice(1).map(() => ({ outcome: undefined })) } // one short, one empty
    },
  }
  return { client: client as unknown as MessageClient, sendCalls, receiptCalls }
}

const send = (clientMessageId: string): SendMessageRequest => ({
  senderId: 'u',
  conversationId: 'c',
  clientMessageId,
  text: clientMessageId,
})
const stored = (send: SendMessageRequest, seq: number): ChatMessage => ({
  messageId: `m${seq}`,
  conversationId: send.conversationId,
  seq,
  senderId: send.senderId,
  clientMessageId: send.clientMessageId,
  text: send.text,
  sentAtMs: 0,
})

describe('MessageBatches', () => {
  it('sends what several sockets sent in the same moment as one SendMessages call, answering each', async () => {
    const { client, sendCalls } = recordingClient((request, i) =>
      request.text === 'refused'
        ? {
            outcome: { $case: 'error', value: { code: 'PERMISSION_DENIED', message: 'not a member', detailsJson: '' } },
          }
        : { outcome: { $case: 'sent', value: { message: stored(request, i + 1), duplicate: false } } },
    )
    const batches = new MessageBatches(client)
    const results = await Promise.allSettled([
      batches.send(send('first')),
      batches.send(send('refused')),
      batches.send(send('third')),
    ])
    expect(sendCalls).toHaveLength(1)
    expect(sendCalls[0]!.sends.map((s) => s.text)).toEqual(['first', 'refused', 'third'])
    expect(results[0]).toMatchObject({ status: 'fulfilled', value: { seq: 1 } })
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'PERMISSION_DENIED' } })
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: { seq: 3 } })
  })

  it('turns a missing outcome into an INTERNAL error for that item', async () => {
    const { client, receiptCalls } = recordingClient(() => ({ outcome: undefined }))
    const batches = new MessageBatches(client)
    const results = await Promise.allSettled([
      batches.markReceipt('delivered', 'u', 'c', 3),
      batches.markReceipt('read', 'u', 'c', 2),
    ])
    expect(receiptCalls).toHaveLength(1)
    expect(receiptCalls[0]!.receipts.map((r) => r.kind)).toEqual([ReceiptKind.DELIVERED, ReceiptKind.READ])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(results[0]).toMatchObject({ reason: { code: 'INTERNAL' } })
  })
})
