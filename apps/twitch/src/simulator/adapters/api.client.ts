/**
 * The simulator's REST calls, as a page makes them. `overrides` replace the RTMP and chat addresses
 * in the api's answers (they are meant for people on the host; see config.ts).
 */
export function apiClient(apiUrl: string, overrides: { rtmpUrl?: string; chatUrls?: string[] } = {}) {
  async function call<T>(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; data?: T }> {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    })
    const payload = (await response.json().catch(() => ({}))) as { data?: T }
    return { status: response.status, data: payload.data }
  }
  return {
    /** A name's token, or undefined when the name is taken (its token was handed out before). */
    async signUp(name: string): Promise<{ name: string; token: string } | undefined> {
      const reply = await call<{ name: string; token: string }>('POST', '/api/users', undefined, { name })
      if (reply.status === 409) return undefined
      if (reply.status !== 201 || !reply.data) throw new Error(`sign-up of ${name}: ${reply.status}`)
      return reply.data
    },
    async streamKey(token: string): Promise<{ rtmpUrl: string; streamKey: string }> {
      const reply = await call<{ rtmpUrl: string; streamKey: string }>('POST', '/api/streams', token)
      if (!reply.data) throw new Error(`stream key: ${reply.status}`)
      return { ...reply.data, rtmpUrl: overrides.rtmpUrl ?? reply.data.rtmpUrl }
    },
    async liveChannels(): Promise<string[]> {
      const reply = await call<{ streams: Array<{ channel: string }> }>('GET', '/api/streams/live')
      return reply.data?.streams.map((stream) => stream.channel) ?? []
    },
    async chatUrls(channel: string): Promise<string[]> {
      if (overrides.chatUrls?.length) return overrides.chatUrls
      return (await call<{ chatUrls: string[] }>('GET', `/api/streams/${channel}`)).data?.chatUrls ?? []
    },
  }
}

export type ApiClient = ReturnType<typeof apiClient>
