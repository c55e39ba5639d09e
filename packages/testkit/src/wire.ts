import { randomBytes } from 'node:crypto'
import type { ZipkinSpan } from '@wired/wire'
import { waitFor } from './wait'

/** A sampled W3C traceparent, as a page makes one for an action it wants to watch. */
export function newTraceparent(): { traceparent: string; traceId: string } {
  const traceId = randomBytes(16).toString('hex')
  return { traceId, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` }
}

/** One hop as a test reads it: who, how, what, and every tag. */
export interface SeenHop {
  service: string
  kind: string
  protocol: string
  name: string
  tags: Record<string, string>
  timestamp: number
}

/**
 * A matcher for one hop of a path: protocol and kind, and optionally the hop's name (exact, or a
 * pattern) and the service it ran in. `hopsInOrder(hops, [hopIs('http', 'SERVER', ...), ...])`.
 */
export const hopIs =
  (protocol: string, kind: string, name?: string | RegExp, service?: RegExp) =>
  (hop: SeenHop): boolean =>
    hop.protocol === protocol &&
    hop.kind === kind &&
    (name === undefined || (typeof name === 'string' ? hop.name === name : name.test(hop.name))) &&
    (service === undefined || service.test(hop.service))

/**
 * Reads a trace from the collector (Zipkin's API: the in-process collector, or Zipkin in compose)
 * until `complete(hops)` holds (parents before children); fails with the hops it saw after `timeoutMs`.
 */
export async function waitForTrace(
  collectorUrl: string,
  traceId: string,
  complete: (hops: SeenHop[]) => boolean,
  timeoutMs = 10_000,
): Promise<SeenHop[]> {
  let hops: SeenHop[] = []
  try {
    return await waitFor(
      async () => {
        const answer = await fetch(new URL(`/api/v2/trace/${traceId}`, collectorUrl))
        if (!answer.ok) return undefined
        hops = causalOrder((await answer.json()) as ZipkinSpan[]).map((span) => ({
          service: span.localEndpoint?.serviceName ?? '',
          kind: span.kind ?? '',
          protocol: span.tags?.['wire.protocol'] ?? '',
          name: span.tags?.['wire.name'] ?? span.name ?? '',
          tags: span.tags ?? {},
          timestamp: span.timestamp ?? 0,
        }))
        return complete(hops) ? hops : undefined
      },
      { timeoutMs, intervalMs: 200, what: `trace ${traceId}` },
    )
  } catch (error) {
    const seen = hops.map((hop) => `${hop.service} ${hop.kind} ${hop.protocol} ${hop.name}`).join('\n  ')
    throw new Error(`${(error as Error).message}; hops seen:\n  ${seen}`)
  }
}

/**
 * Parents before children, siblings by start time: the order things happened in. Raw start times
 * are not enough, since each process (and each remote parent) anchors its own clock.
 */
function causalOrder(spans: ZipkinSpan[]): ZipkinSpan[] {
  const ids = new Set(spans.map((span) => span.id))
  const children = new Map<string | undefined, ZipkinSpan[]>()
  for (const span of spans) {
    const parent = span.parentId && ids.has(span.parentId) ? span.parentId : undefined
    children.set(parent, [...(children.get(parent) ?? []), span])
  }
  const ordered: ZipkinSpan[] = []
  const visit = (parent: string | undefined) => {
    const siblings = (children.get(parent) ?? []).sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0))
    for (const span of siblings) {
      ordered.push(span)
      visit(span.id)
    }
  }
  visit(undefined)
  return ordered
}

/** True when the hops contain, in this order (others may come between), one matching each step. */
export function hopsInOrder(hops: SeenHop[], steps: Array<(hop: SeenHop) => boolean>): boolean {
  let at = 0
  for (const hop of hops) if (at < steps.length && steps[at]!(hop)) at++
  return at === steps.length
}
