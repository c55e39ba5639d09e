/** REST calls to the api: every answer is the {data, errors} envelope (see the README's wire format). */
export class Api {
  constructor() {
    this.token = sessionStorage.getItem('robinhood.token')
  }

  setToken(token) {
    this.token = token
    sessionStorage.setItem('robinhood.token', token)
  }

  /** `traceparent`: from the wire panel, to watch this request cross the wire. */
  async call(method, path, { body, traceparent, headers = {} } = {}) {
    const sent = { ...headers }
    if (traceparent) sent.traceparent = traceparent
    if (body !== undefined) sent['content-type'] = 'application/json'
    if (this.token) sent.authorization = `Bearer ${this.token}`
    const response = await fetch(path, {
      method,
      headers: sent,
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const envelope = await response.json()
    if (envelope.errors?.length) {
      const [first] = envelope.errors
      throw Object.assign(new Error(first.message), {
        code: first.code,
        status: response.status,
        details: first.details,
      })
    }
    return {
      data: envelope.data,
      status: response.status,
      replayed: response.headers.get('idempotent-replayed') === 'true',
    }
  }
}
