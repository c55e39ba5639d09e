/** REST calls to the api: every answer is the {data, meta, errors} envelope. */
export class Api {
  constructor(baseUrl) {
    this.baseUrl = baseUrl
    this.token = sessionStorage.getItem('uber.token')
  }

  setToken(token) {
    this.token = token
    if (token) sessionStorage.setItem('uber.token', token)
    else sessionStorage.removeItem('uber.token')
  }

  /** `traceparent`: from the wire panel, to watch this request cross the wire. */
  async call(method, path, body, idempotencyKey, traceparent) {
    const headers = {}
    if (traceparent) headers.traceparent = traceparent
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (this.token) headers.authorization = `Bearer ${this.token}`
    // Unsafe calls that create something carry a key: a retried click is not a second ride.
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const envelope = await response.json()
    if (envelope.errors?.length) {
      const [first] = envelope.errors
      throw Object.assign(new Error(first.message), { code: first.code, status: response.status })
    }
    return envelope.data
  }
}
