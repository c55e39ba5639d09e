import type { MessageView, ReceiptView } from '../../src/shared/frames'

export type Ticks = 'pending' | 'sent' | 'delivered' | 'read'

/**
 * WhatsApp's ticks from cumulative receipts: one grey tick once the server has the message
 * (it has a seq), two grey ticks once every other member's device has it (their delivered
 * watermark reached its seq), two blue ticks once every other member has read it.
 */
export function ticksFor(
  message: Pick<MessageView, 'seq'> | undefined,
  otherMemberIds: readonly string[],
  receipts: ReadonlyMap<string, ReceiptView> | undefined,
): Ticks {
  if (!message || message.seq === 0) return 'pending'
  if (otherMemberIds.length === 0) return 'sent'
  const all = (reached: (receipt: ReceiptView) => boolean) =>
    otherMemberIds.every((id) => {
      const receipt = receipts?.get(id)
      return receipt !== undefined && reached(receipt)
    })
  if (all((receipt) => receipt.readSeq >= message.seq)) return 'read'
  if (all((receipt) => receipt.deliveredSeq >= message.seq)) return 'delivered'
  return 'sent'
}
