import { type ClientHttp2Session, connect } from 'node:http2'

/**
 * One viewer's connection to the edge, as a browser holds it: one HTTP/2 session over TLS, every
 * playlist and segment a stream on it. The edge's certificate is self-signed, so it is accepted
 * here the way a person accepts it once in the browser.
 */
export class EdgeClient {
  private session: ClientHttp2Session | undefined

  constructor(private readonly edgeUrl: string) {}

  private open(): ClientHttp2Session {
    if (!this.session || this.session.closed || this.session.destroyed) {
      const session = connect(this.edgeUrl, { rejectUnauthorized: false })
      session.on('error', () => undefined) // a dropped session is reopened on the next request
      this.session = session
    }
    return this.session
  }

  /** GET a path; resolves with status and body, rejects on a transport error (not on 4xx/5xx). */
  get(path: string): Promise<{ status: number; cache?: string; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const stream = this.open().request({ ':path': path })
      const chunks: Buffer[] = []
      let status = 0
      let cache: string | undefined
      stream.on('response', (headers) => {
        status = Number(headers[':status'])
        cache = headers['x-cache'] as string | undefined
      })
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => resolve({ status, cache, body: Buffer.concat(chunks) }))
      stream.on('error', reject)
      stream.end()
    })
  }

  async text(path: string): Promise<string> {
    const answer = await this.get(path)
    if (answer.status !== 200) throw new Error(`edge GET ${path}: ${answer.status}`)
    return answer.body.toString()
  }

  close(): void {
    this.session?.close()
  }
}
