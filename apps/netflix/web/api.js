/** REST calls to the api: every answer is the {data, meta, errors} envelope. */
export class Api {
  constructor() {
    this.token = sessionStorage.getItem('netflix.token')
    this.user = sessionStorage.getItem('netflix.user')
  }

  setSession(user, token) {
    this.user = user
    this.token = token
    sessionStorage.setItem('netflix.user', user)
    sessionStorage.setItem('netflix.token', token)
  }

  /** `traceparent`: from the wire panel, to watch this request (and what it caused) cross the wire. */
  async call(method, path, { body, raw, type, traceparent } = {}) {
    const headers = {}
    if (traceparent) headers.traceparent = traceparent
    if (this.token) headers.authorization = `Bearer ${this.token}`
    if (raw !== undefined) headers['content-type'] = type || 'application/octet-stream'
    else if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(path, {
      method,
      headers,
      cache: 'no-store',
      body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
    })
    const envelope = await response.json()
    if (envelope.errors?.length) {
      const [first] = envelope.errors
      throw Object.assign(new Error(first.message), { code: first.code, status: response.status })
    }
    return { data: envelope.data, meta: envelope.meta, status: response.status }
  }

  async signIn(name, traceparent) {
    const { data } = await this.call('POST', '/v1/sessions', { body: { name }, traceparent })
    this.setSession(data.userId, data.token)
    return data
  }
}

/** Text into the page only through textContent: a comment with HTML in it shows as text. */
export function el(tag, text, className) {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  if (className) node.className = className
  return node
}
