/**
 * Which "delivered up to seq" receipts a device still owes. Receipts are cumulative, so a
 * burst of messages in one conversation is answered by one receipt for the highest seq shown,
 * and a receipt is never sent for a position the server already has from this device.
 */
export class DeliveryReports {
  private readonly due = new Set<string>()
  private readonly sent = new Map<string, number>()

  /** A message from someone else was shown in this conversation. */
  note(conversationId: string): void {
    this.due.add(conversationId)
  }

  get pending(): boolean {
    return this.due.size > 0
  }

  /** The receipts to send now, given where the device is in each conversation; clears the list. */
  take(lastSeq: (conversationId: string) => number): { conversationId: string; seq: number }[] {
    const receipts: { conversationId: string; seq: number }[] = []
    for (const conversationId of this.due) {
      const seq = lastSeq(conversationId)
      if (seq > (this.sent.get(conversationId) ?? 0)) receipts.push({ conversationId, seq })
    }
    this.due.clear()
    return receipts
  }

  /** Only a receipt that actually left the device counts; one lost to a closed socket is owed again. */
  sentUpTo(conversationId: string, seq: number): void {
    this.sent.set(conversationId, Math.max(seq, this.sent.get(conversationId) ?? 0))
  }
}
