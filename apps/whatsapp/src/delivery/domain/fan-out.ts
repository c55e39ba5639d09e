import type { MessageFrame, MessageView, ReceiptFrame, ReceiptView } from '../../shared/frames'

export interface Delivery {
  userId: string
  /** The frame the gateway forwards to the user's sockets, already JSON. */
  frame: string
  /** Ask the notification service for a push when no socket took the frame. */
  pushIfOffline: boolean
}

/**
 * One accepted message becomes one frame per member. The sender is included, so their other
 * devices show the message and every device sees each conversation's seqs without gaps; but
 * the sender never gets a push for their own message.
 */
export function planMessageDeliveries(message: MessageView, memberIds: readonly string[]): Delivery[] {
  const frame = JSON.stringify({ type: 'message', message } satisfies MessageFrame)
  return memberIds.map((userId) => ({ userId, frame, pushIfOffline: userId !== message.senderId }))
}

/**
 * A push is for news: not for a message the member's devices already reported delivered, which
 * is what a redelivered or republished record would otherwise cause.
 */
export function shouldPush(delivery: Pick<Delivery, 'pushIfOffline'>, seq: number, deliveredUpTo: number): boolean {
  return delivery.pushIfOffline && seq > deliveredUpTo
}

/** A moved watermark goes to the other members, whose ticks it turns grey or blue. Never pushed. */
export function planReceiptDeliveries(receipt: ReceiptView, recipientIds: readonly string[]): Delivery[] {
  const frame = JSON.stringify({ type: 'receipt', receipt } satisfies ReceiptFrame)
  return recipientIds.map((userId) => ({ userId, frame, pushIfOffline: false }))
}

/** What a lock screen shows: the start of the text, or a word for the media. */
export function pushPreview(message: Pick<MessageView, 'text' | 'media'>): string {
  const text = message.text.trim()
  if (text === '') return message.media ? 'Photo' : ''
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}
