import { request } from 'node:http'
import { type BootOptions, bootScenario, type RunMode } from '@wired/testkit'
import { scenario } from '../../src/scenario'

export interface Answer {
  status: number
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the route answered
  body: { data: any; meta?: any; errors: { code: string; message: string }[] }
}

/** Boots the scenario for a test file (embedded, real, or the running compose profile). */
export async function bootNetflix(mode: RunMode, options: BootOptions = {}) {
  const booted = await bootScenario(scenario, mode, {
    ...options,
    env: { MAX_UPLOAD_BYTES: String(8 * 1024 * 1024), ...options.env },
  })
  const api = booted.urls['REST api']!
  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: Buffer; type?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.token) headers.authorization = `Bearer ${options.token}`
    let body: BodyInit | undefined
    if (options.raw) {
      headers['content-type'] = options.type ?? 'application/octet-stream'
      body = new Uint8Array(options.raw)
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(options.body)
    }
    const response = await fetch(`${api}${path}`, { method, headers, body })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : { data: null, errors: [] } }
  }
  return {
    mode,
    booted,
    api,
    edge: booted.urls.edge!,
    origin: booted.urls.origin,
    call,
    async signIn(name: string): Promise<string> {
      const answer = await call('POST', '/v1/sessions', { body: { name } })
      if (answer.status !== 201) throw new Error(`sign in: ${answer.status}`)
      return answer.body.data.token
    },
    upload: (token: string | undefined, title: string, bytes: Buffer, type = 'video/mp4') =>
      call('POST', `/v1/videos?title=${encodeURIComponent(title)}`, { token, raw: bytes, type }),
    /**
     * The status of an oversize upload: the api refuses it from its Content-Length alone, so
     * the test sends the headers and a first chunk, then waits for the answer instead of
     * pushing 9 MiB into a socket the server is closing (EPIPE, and the answer lost with it).
     */
    uploadStatus: (token: string, bytes: Buffer) =>
      new Promise<number>((resolve, reject) => {
        const sent = request(`${api}/v1/videos?title=big`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'video/mp4', 'content-length': bytes.length },
        })
        const gaveUp = setTimeout(() => {
          sent.destroy()
          reject(new Error('no answer to an oversize upload within 10 s'))
        }, 10_000)
        sent.on('response', (response) => {
          clearTimeout(gaveUp)
          response.resume()
          resolve(response.statusCode ?? 0)
          sent.destroy()
        })
        sent.on('error', () => undefined)
        sent.write(bytes.subarray(0, 64 * 1024))
      }),
    stop: () => booted.stop(),
  }
}

export type RunningNetflix = Awaited<ReturnType<typeof bootNetflix>>
