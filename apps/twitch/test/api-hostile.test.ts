import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userTokens } from '../src/shared/user-token'
import { bootChatSystem, type RunningChat, uniqueName } from './support/chat-system'

describe.each(runModes())('the REST api against hostile requests (%s)', (mode) => {
  let system: RunningChat
  beforeAll(async () => {
    system = await bootChatSystem(mode)
  })
  afterAll(async () => {
    await system?.stop()
  })

  const code = (reply: { status: number; body: { errors?: Array<{ code: string }> } }) => [
    reply.status,
    reply.body.errors?.[0]?.code,
  ]

  it('refuses malformed, wrong-typed, oversize and duplicate sign-ups with a clear error, changing nothing', async () => {
    const taken = await system.signUp()
    const before = await system.apiRows()
    const bodies: Array<[unknown, number, string]> = [
      ['{"name": ', 400, 'INVALID_ARGUMENT'],
      [{ name: 42 }, 400, 'INVALID_ARGUMENT'],
      [{}, 400, 'INVALID_ARGUMENT'],
      [{ name: 'Ada Lovelace' }, 400, 'INVALID_ARGUMENT'],
      [{ name: '<script>' }, 400, 'INVALID_ARGUMENT'],
      [{ name: 'ab' }, 400, 'INVALID_ARGUMENT'],
      [{ name: uniqueName('ok'), admin: true }, 400, 'INVALID_ARGUMENT'],
      [[uniqueName('ok')], 400, 'INVALID_ARGUMENT'],
      [{ name: 'x'.repeat(10_000) }, 413, 'PAYLOAD_TOO_LARGE'],
      [{ name: taken.name }, 409, 'ALREADY_EXISTS'],
    ]
    for (const [body, status, errorCode] of bodies)
      expect(code(await system.request('POST', '/api/users', { body }))).toEqual([status, errorCode])
    const plain = await system.request('POST', '/api/users', {
      body: 'name=ada',
      headers: { 'content-type': 'text/plain' },
    })
    // Not JSON: read as text, which is not the object the schema wants.
    expect(plain).toMatchObject({
      status: 400,
      body: { errors: [{ code: 'INVALID_ARGUMENT', message: 'body must be object' }] },
    })
    expect(await system.apiRows()).toEqual(before)
  })

  it('refuses calls without a token, with a forged or foreign one, and by someone other than the owner', async () => {
    const ada = await system.signUp()
    const bob = await system.signUp()
    const forged = `${ada.token.slice(0, -4)}AAAA`
    const foreign = userTokens('another deployment secret, 32+ chars').issue({ userId: ada.userId, name: ada.name })
    for (const headers of [{}, system.auth(forged), system.auth(foreign), { authorization: `Basic ${ada.token}` }]) {
      expect(code(await system.request('POST', '/api/streams', { headers }))).toEqual([401, 'UNAUTHENTICATED'])
      expect(code(await system.request('DELETE', `/api/streams/${ada.name}`, { headers }))).toEqual([
        401,
        'UNAUTHENTICATED',
      ])
      expect(code(await system.request('POST', `/api/streams/${ada.name}/clips`, { headers }))).toEqual([
        401,
        'UNAUTHENTICATED',
      ])
    }
    expect(
      code(await system.request('DELETE', `/api/streams/${ada.name}`, { headers: system.auth(bob.token) })),
    ).toEqual([403, 'PERMISSION_DENIED'])
  })

  it('refuses bodies where none belongs and malformed path parameters', async () => {
    const ada = await system.signUp()
    const before = await system.apiRows()
    const headers = system.auth(ada.token)
    expect(code(await system.request('POST', '/api/streams', { headers, body: { channel: 'someone_else' } }))).toEqual([
      400,
      'INVALID_ARGUMENT',
    ])
    expect(
      code(await system.request('POST', `/api/streams/${ada.name}/clips`, { headers, body: { seconds: 3600 } })),
    ).toEqual([400, 'INVALID_ARGUMENT'])
    for (const path of [
      '/api/streams/NOT_A_CHANNEL',
      '/api/streams/a%20b/clips',
      '/api/clips/1',
      '/api/clips/c_%3Cscript%3E',
    ])
      expect((await system.request(path.endsWith('clips') ? 'POST' : 'GET', path, { headers })).status).toBe(400)
    expect(code(await system.request('GET', '/api/streams/nobody_here_yet'))).toEqual([404, 'NOT_FOUND'])
    expect(code(await system.request('GET', '/api/clips/c_AAAAAAAAAAAAAAAA'))).toEqual([404, 'NOT_FOUND'])
    expect(await system.apiRows()).toEqual(before)
  })

  it('answers a replayed clip request from its key, and refuses the key reused for another request', async () => {
    const ada = await system.signUp()
    const headers = { ...system.auth(ada.token), 'idempotency-key': uniqueName('key') }
    const first = await system.request('POST', `/api/streams/${ada.name}/clips`, { headers, body: {} })
    expect(code(first)).toEqual([409, 'CONFLICT']) // not live: a final answer, stored for the key
    const replay = await system.request('POST', `/api/streams/${ada.name}/clips`, { headers, body: {} })
    expect(replay.status).toBe(409)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    const other = await system.signUp()
    const misuse = await system.request('POST', `/api/streams/${other.name}/clips`, { headers, body: {} })
    expect(misuse.status).toBe(422)
  })

  it('still serves the pages and the api afterwards', async () => {
    const page = await fetch(system.apiUrl)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await fetch(`${system.apiUrl}/vendor/hls.min.js`)).status).toBe(200)
    expect((await fetch(`${system.apiUrl}/.env`)).status).toBe(404)
    expect((await system.request('GET', '/api/streams/live')).status).toBe(200)
  })
})
