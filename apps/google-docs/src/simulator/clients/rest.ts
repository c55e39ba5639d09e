/** The REST calls a client makes (bots, tests, bench): sign in, create, share, versions. */
export interface Session {
  token: string
  userId: string
  handle: string
}

export async function call<T>(method: string, url: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (response.status === 204) return undefined as T
  const envelope = (await response.json()) as { data: T; errors: Array<{ code: string; message: string }> }
  if (!response.ok)
    throw new RestError(response.status, envelope.errors[0]?.code ?? 'UNKNOWN', envelope.errors[0]?.message ?? '')
  return envelope.data
}

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`)
  }
}

export async function signIn(apiUrl: string, handle: string, password: string): Promise<Session> {
  const { token, user } = await call<{ token: string; user: { id: string; handle: string } }>(
    'POST',
    `${apiUrl}/v1/sessions`,
    undefined,
    {
      handle,
      password,
    },
  )
  return { token, userId: user.id, handle: user.handle }
}

export async function createDocument(apiUrl: string, owner: Session, title: string): Promise<string> {
  return (await call<{ id: string }>('POST', `${apiUrl}/v1/documents`, owner.token, { title })).id
}

export async function share(apiUrl: string, owner: Session, docId: string, handle: string, role: 'editor' | 'viewer') {
  await call('POST', `${apiUrl}/v1/documents/${docId}/shares`, owner.token, { handle, role })
}
