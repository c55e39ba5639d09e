/**
 * The REST api as the pages call it: a session by name, the catalogue, an upload of raw bytes,
 * views, likes and comments. Nothing here is private to the simulator.
 */
export interface CatalogueVideo {
  id: string
  state: string
  title: string
  readyTransitions: number
}

export class ApiClient {
  constructor(private readonly apiUrl: string) {}

  private async call<T>(method: string, path: string, options: { token?: string; json?: unknown; raw?: Buffer } = {}) {
    const headers: Record<string, string> = {}
    if (options.token) headers.authorization = `Bearer ${options.token}`
    let body: BodyInit | undefined
    if (options.raw) {
      headers['content-type'] = 'video/mp4'
      body = new Uint8Array(options.raw)
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json'
      body = JSON.stringify(options.json)
    }
    const response = await fetch(`${this.apiUrl}${path}`, { method, headers, body })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`)
    return (text ? JSON.parse(text).data : undefined) as T
  }

  async signIn(name: string): Promise<string> {
    return (await this.call<{ token: string }>('POST', '/v1/sessions', { json: { name } })).token
  }

  readyVideos = () => this.call<CatalogueVideo[]>('GET', '/v1/videos')
  myVideos = (token: string) => this.call<CatalogueVideo[]>('GET', '/v1/me/videos', { token })
  video = (id: string) => this.call<CatalogueVideo>('GET', `/v1/videos/${id}`)
  upload = (token: string, title: string, bytes: Buffer) =>
    this.call<CatalogueVideo>('POST', `/v1/videos?title=${encodeURIComponent(title)}`, { token, raw: bytes })
  view = (token: string, id: string) => this.call('POST', `/v1/videos/${id}/views`, { token })
  like = (token: string, id: string) => this.call('PUT', `/v1/videos/${id}/likes/me`, { token })
  comment = (token: string, id: string, text: string) =>
    this.call('POST', `/v1/videos/${id}/comments`, { token, json: { text } })
}
