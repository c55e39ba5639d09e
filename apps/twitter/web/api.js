/** REST calls to the api: every answer is the {data, errors} envelope (see the README's wire format). */
export class Api {
  constructor() {
    this.token = sessionStorage.getItem('twitter.token')
  }

  setToken(token) {
    this.token = token
    sessionStorage.setItem('twitter.token', token)
  }

  /** `traceparent`: from the wire panel, to watch this request cross the wire. */
  async call(method, path, body, traceparent) {
    const response = await this.send(method, path, body, traceparent)
    return (await this.envelope(response)).data
  }

  /**
   * GET /v1/feed with the page's own If-None-Match, so the page sees the 304 (a browser cache
   * would turn it into a 200 from cache, and the reader could not watch HTTP caching work).
   */
  async feed(cursor, etag, traceparent) {
    const response = await this.send(
      'GET',
      cursor ? `/v1/feed?cursor=${encodeURIComponent(cursor)}` : '/v1/feed',
      undefined,
      traceparent,
      etag,
    )
    if (response.status === 304) return { notModified: true, etag }
    const { data } = await this.envelope(response)
    return { ...data, etag: response.headers.get('etag') }
  }

  send(method, path, body, traceparent, ifNoneMatch) {
    const headers = {}
    if (traceparent) headers.traceparent = traceparent
    if (ifNoneMatch) headers['if-none-match'] = ifNoneMatch
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (this.token) headers.authorization = `Bearer ${this.token}`
    return fetch(path, {
      method,
      headers,
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  }

  async envelope(response) {
    const envelope = await response.json()
    if (envelope.errors?.length) {
      const [first] = envelope.errors
      throw Object.assign(new Error(first.message), { code: first.code, status: response.status })
    }
    return envelope
  }
}
