import { AppError } from '@wired/runtime'
import { Hops, injectHeaders } from '@wired/wire'

export interface LinkConditions {
  dropPercent: number
  delayMs: number
  jitterMs: number
}

/**
 * The loss proxy's control endpoint, over plain HTTP (GET/PUT /conditions). The proxy validates
 * again; its 400 comes back as this api's 400, and a proxy that is down is a 503, not a 500.
 * The call is a client hop in the page's trace, its traceparent sent on to the proxy.
 */
export function netemClient(controlUrl: string) {
  const hops = new Hops()
  const call = (method: 'GET' | 'PUT', body?: LinkConditions): Promise<LinkConditions> =>
    hops.around({ kind: 'client', protocol: 'http', name: `${method} /conditions`, payload: () => body }, () =>
      send(method, body),
    )
  const send = async (method: 'GET' | 'PUT', body?: LinkConditions): Promise<LinkConditions> => {
    const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {}
    injectHeaders(headers)
    let response: Response
    try {
      response = await fetch(new URL('/conditions', controlUrl), {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(2_000),
      })
    } catch (error) {
      throw new AppError('UNAVAILABLE', `the loss proxy is unreachable: ${(error as Error).message}`)
    }
    const answer = (await response.json().catch(() => ({}))) as {
      data?: LinkConditions
      errors?: Array<{ message: string }>
    }
    if (response.status === 400)
      throw new AppError('INVALID_ARGUMENT', answer.errors?.[0]?.message ?? 'the loss proxy refused the conditions')
    if (!response.ok || !answer.data) throw new AppError('UNAVAILABLE', `the loss proxy answered ${response.status}`)
    return answer.data
  }
  return { conditions: () => call('GET'), setConditions: (conditions: LinkConditions) => call('PUT', conditions) }
}

export type NetemClient = ReturnType<typeof netemClient>
