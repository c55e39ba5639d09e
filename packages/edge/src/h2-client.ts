/**
 * A tiny HTTP/2 client, what the video scenarios' tests and benchmarks play through: one session,
 * many streams, the edge's self-signed certificate accepted (it is a test client, never a page's).
 */
import { type ClientHttp2Session, connect } from 'node:http2'

export interface H2Answer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export class Http2Client {
  private readonly session: ClientHttp2Session

  constructor(origin: string) {
    this.session = connect(origin, { rejectUnauthorized: false })
    this.session.on('error', () => undefined)
  }

  get(path: string, headers: Record<string, string> = {}): Promise<H2Answer> {
    return new Promise((resolve, reject) => {
      const request = this.session.request({ ':path': path, ...headers })
      const chunks: Buffer[] = []
      let status = 0
      const answer: Record<string, string> = {}
      request.on('response', (h) => {
        status = Number(h[':status'])
        for (const [name, value] of Object.entries(h)) if (!name.startsWith(':')) answer[name] = String(value)
      })
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => resolve({ status, headers: answer, body: Buffer.concat(chunks) }))
      request.on('error', reject)
      request.end()
    })
  }

  async text(path: string): Promise<string> {
    const answer = await this.get(path)
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`)
    return answer.body.toString()
  }

  close() {
    this.session.close()
  }
}
