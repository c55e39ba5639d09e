import { endHop, Hops, TAG } from '@wired/wire'
import pg from 'pg'

/**
 * A pg Client whose queries are hops of the wire view (inside a recorded trace only): the
 * statement, its verb and table as the name, its parameters as the payload. The pool builds its
 * connections from this class, so pool.query and transactions on pool.connect() are both seen.
 */
export function tracedClientClass(hops = new Hops()): typeof pg.Client {
  if (!hops.on) return pg.Client
  return class TracedClient extends pg.Client {
    // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; this forwards them all
    override query(...args: any[]): any {
      const first = args[0] as string | { text?: string; values?: unknown[] } | undefined
      const text = typeof first === 'string' ? first : first?.text
      const values = typeof first === 'string' ? args[1] : first?.values
      const span =
        text === undefined
          ? undefined
          : hops.start({
              kind: 'client',
              protocol: 'sql',
              name: statementName(text),
              peer: 'postgres',
              payload: Array.isArray(values) ? () => values : undefined,
              attributes: { [TAG.dbSystem]: 'postgresql', [TAG.dbStatement]: text.slice(0, 1_000) },
              onlyInTrace: true,
            })
      const query = super.query as (...a: unknown[]) => unknown
      if (!span) return query.apply(this, args)
      const last = args[args.length - 1]
      if (typeof last === 'function') {
        // pool.query() passes a callback: the hop ends when it is called.
        args[args.length - 1] = (error: unknown, answer: { rowCount?: number | null }) => {
          endHop(span, error ?? undefined, { 'db.response.returned_rows': answer?.rowCount ?? 0 })
          return last(error, answer)
        }
        return query.apply(this, args)
      }
      const result = query.apply(this, args)
      if (!(result instanceof Promise)) return result
      return result.then(
        (answer: { rowCount?: number | null }) => {
          endHop(span, undefined, { 'db.response.returned_rows': answer?.rowCount ?? 0 })
          return answer
        },
        (error: unknown) => {
          endHop(span, error)
          throw error
        },
      )
    }
  }
}

const VERB_AND_TABLE =
  /^\s*(?:WITH\b.*?\)\s*)?(SELECT\b.*?\bFROM|INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+("?[\w.]+"?)/is

/** `INSERT INTO messages`, `SELECT FROM receipts`, `BEGIN`: what a reader scans a trace for. */
export function statementName(text: string): string {
  const match = VERB_AND_TABLE.exec(text)
  if (match) {
    const verb = match[1]!.split(/\s+/)[0]!.toUpperCase()
    return `${verb} ${match[2]!.replaceAll('"', '')}`
  }
  return (text.trim().split(/\s+/)[0] ?? 'SQL').toUpperCase()
}
