/** A tiny HTTP/2 client for tests and the benchmark: one session, many streams, self-signed TLS accepted. */
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

  close() {
    this.session.close()
  }
}

/** Every media playlist of a master, and every segment of each: what a player fetches. */
export async function walkVideo(client: Http2Client, masterPath: string) {
  const base = masterPath.slice(0, masterPath.lastIndexOf('/') + 1)
  const master = await client.get(masterPath)
  const media = master.body
    .toString()
    .split('\n')
    .filter((line) => line.endsWith('.m3u8'))
  const paths: string[] = [masterPath]
  for (const name of media) {
    const playlistPath = base + name
    paths.push(playlistPath)
    const playlist = await client.get(playlistPath)
    const dir = playlistPath.slice(0, playlistPath.lastIndexOf('/') + 1)
    for (const line of playlist.body.toString().split('\n')) if (line.endsWith('.ts')) paths.push(dir + line)
  }
  return { media, paths }
}
