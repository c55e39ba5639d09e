import { AppError } from '@wired/runtime'
import { isListed } from '../../shared/symbols'

/**
 * Checks a client's list of symbols before anything changes: an array of listed symbols, no
 * more than `limit` of them. A refusal names the first offending symbol, so a client sees which
 * one to fix; and because nothing is applied until the whole list passes, a refused request
 * changes nothing (a 1,000-symbol subscribe does not half-succeed).
 */
export function validSymbols(input: unknown, limit: number): string[] {
  if (!Array.isArray(input) || input.length === 0)
    throw new AppError('INVALID_ARGUMENT', 'symbols must be a non-empty array of ticker symbols')
  if (input.length > limit)
    throw new AppError('INVALID_ARGUMENT', `at most ${limit} symbols per socket; this request names ${input.length}`, {
      limit,
    })
  const symbols = new Set<string>()
  for (const symbol of input) {
    if (typeof symbol !== 'string') throw new AppError('INVALID_ARGUMENT', 'every symbol must be a string')
    if (!isListed(symbol))
      throw new AppError('INVALID_ARGUMENT', `unknown symbol '${symbol.slice(0, 12)}'`, { symbol: symbol.slice(0, 12) })
    symbols.add(symbol)
  }
  return [...symbols]
}

/** The `?symbols=A,B,C` of the SSE ticker, with the same rules. */
export function symbolsFromQuery(query: unknown, limit: number): string[] {
  if (typeof query !== 'string' || query === '')
    throw new AppError('INVALID_ARGUMENT', 'symbols is required, e.g. ?symbols=AAPL,MSFT (comma-separated)')
  return validSymbols(query.split(','), limit)
}
