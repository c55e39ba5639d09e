import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { unary } from '@wired/grpc'
import type { PaymentServiceServer } from '@wired/proto/amazon/v1/checkout'
import { AppError } from '@wired/runtime'
import { cardOutcome } from '../domain/card'

/**
 * PaymentService over gRPC. A charge is idempotent by order id (a retried Charge returns the
 * same payment), as a real processor's idempotency key makes it. Kept in memory: this is the
 * simulated processor, not the shop's record (the order row holds the payment id).
 */
export function paymentGrpcHandlers(options: { declineRate: number; hangMs: number }): PaymentServiceServer {
  const payments = new Map<string, string>()
  return {
    charge: unary(async ({ orderId, amountCents, cardToken }) => {
      if (!Number.isInteger(amountCents) || amountCents <= 0)
        throw new AppError('INVALID_ARGUMENT', 'amount must be > 0')
      const earlier = payments.get(orderId)
      if (earlier) return { paymentId: earlier }
      const outcome = cardOutcome(cardToken, options.declineRate)
      if (outcome === 'hang') await sleep(options.hangMs)
      if (outcome === 'declined')
        throw new AppError('FAILED_PRECONDITION', 'the card was declined', { reason: 'CARD_DECLINED' })
      const paymentId = `pay_${randomBytes(9).toString('base64url')}`
      if (outcome === 'paid') payments.set(orderId, paymentId)
      return { paymentId }
    }),
  }
}
