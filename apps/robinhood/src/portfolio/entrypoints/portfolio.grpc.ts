import { unary } from '@wired/grpc'
import { type PortfolioServiceServer, Side } from '@wired/proto/robinhood/v1/orders'
import { AppError, hashPassword, verifyPassword } from '@wired/runtime'
import { isListed } from '../../shared/symbols'
import type { AccountRepository } from '../adapters/account.repository'
import type { HoldingsRepository } from '../adapters/holdings.repository'

const NAME = /^[a-z0-9_]{3,20}$/
const ID = /^[A-Za-z0-9_-]{1,64}$/

const requireId = (value: string, field: string) => {
  if (!ID.test(value)) throw new AppError('INVALID_ARGUMENT', `${field} is not an id`)
  return value
}

/** PortfolioService over gRPC: validate → repository. The order service is its only writer. */
export function portfolioGrpcHandlers(
  accounts: AccountRepository,
  holdings: HoldingsRepository,
  startingCents: number,
): PortfolioServiceServer {
  return {
    openAccount: unary(async ({ name, password }) => {
      if (!NAME.test(name)) throw new AppError('INVALID_ARGUMENT', 'name is 3-20 of a-z, 0-9 and _')
      if (password.length < 8 || password.length > 200)
        throw new AppError('INVALID_ARGUMENT', 'password is 8-200 characters')
      return { accountId: await accounts.open(name, await hashPassword(password), startingCents) }
    }),

    signIn: unary(async ({ name, password }) => {
      const account = NAME.test(name) ? await accounts.byName(name) : undefined
      if (!account || !(await verifyPassword(password.slice(0, 200), account.passwordHash)))
        throw new AppError('UNAUTHENTICATED', 'wrong name or password')
      return { accountId: account.accountId }
    }),

    hold: unary(async (request) => {
      requireId(request.orderId, 'orderId')
      requireId(request.accountId, 'accountId')
      if (!isListed(request.symbol)) throw new AppError('INVALID_ARGUMENT', 'unknown symbol')
      if (request.side !== Side.BUY && request.side !== Side.SELL)
        throw new AppError('INVALID_ARGUMENT', 'side is BUY or SELL')
      if (!Number.isSafeInteger(request.cents) || request.cents < 0) throw new AppError('INVALID_ARGUMENT', 'bad cents')
      if (!Number.isSafeInteger(request.quantity) || request.quantity <= 0)
        throw new AppError('INVALID_ARGUMENT', 'bad quantity')
      await holdings.hold(request)
      return {}
    }),

    release: unary(async ({ orderId }) => ({ released: await holdings.release(requireId(orderId, 'orderId')) })),

    getPortfolio: unary(async ({ accountId }) => ({
      portfolio: await holdings.portfolio(requireId(accountId, 'accountId')),
    })),
  }
}
