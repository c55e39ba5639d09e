import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_SESSION_EXPIRED } from '../src/shared/frames'
import { ApiClient, type ApiError } from '../web/src/api-client'
import { type Chatter, passwordOf, signUp } from './support/chatter'
import { RawSocket } from './support/raw-socket'
import { count } from './support/sql'
import { bootSystem, type RunningSystem } from './support/system'

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: ApiError) => error,
  )

/** What a bare HTTP client gets for a call with this token. */
const statusWith = async (system: RunningSystem, token: string) =>
  (await fetch(`${system.apiUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status

describe.each(runModes())('sessions: passwords, renewal, sign-out (%s)', (mode) => {
  let system: RunningSystem
  const chatters: Chatter[] = []
  beforeAll(async () => {
    system = await bootSystem(mode)
  })
  afterAll(async () => {
    for (const chatter of chatters) chatter.close()
    await system?.stop()
  })

  it('signs up a new handle with its password and refuses anyone else’s guess', async () => {
    const erin = await signUp(system, 'erin')
    const users = () => count(system, 'SELECT count(*) AS n FROM wa_users.users')
    const before = await users()
    const guess = await refusal(new ApiClient(system.apiUrl).signIn(erin.user.handle, 'not-erins-password'))
    expect(guess).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: 'wrong handle or password' })
    const short = await refusal(new ApiClient(system.apiUrl).signIn('fresh_handle_x', 'short'))
    expect(short).toMatchObject({ status: 400 })
    expect(await users()).toBe(before)
    // The right password works, from any device, and gives a token that expires.
    const again = await new ApiClient(system.apiUrl).signIn(erin.user.handle, passwordOf(erin.user.handle))
    expect(again.user.userId).toBe(erin.userId)
    expect(new Date(again.expiresAt).getTime()).toBeGreaterThan(Date.now())
  })

  it('renews: the new token works, the old one is refused by REST and by the gateway', async () => {
    const fay = await signUp(system, 'fay')
    const old = fay.api.token
    const renewed = await fay.api.renew()
    expect(renewed.token).not.toBe(old)
    expect(await statusWith(system, renewed.token)).toBe(200)
    expect(await statusWith(system, old)).toBe(401)
    await expect(RawSocket.open(system.gateways[0]!.wsUrl, old)).rejects.toMatchObject({ status: 401 })
    const socket = await RawSocket.open(system.gateways[0]!.wsUrl, renewed.token)
    expect(await socket.nextFrame('ready')).toMatchObject({ userId: fay.userId })
    socket.close()
  })

  it('signs out: the token is revoked at once for REST and for new sockets', async () => {
    const gus = await signUp(system, 'gus')
    const token = gus.api.token
    await gus.api.signOut()
    expect(await statusWith(system, token)).toBe(401)
    await expect(RawSocket.open(system.gateways[1]!.wsUrl, token)).rejects.toMatchObject({ status: 401 })
    // Signing out twice, or with a token that is gone, is not an error worth showing anyone.
    expect(
      (
        await fetch(`${system.apiUrl}/v1/sessions/renew`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(401)
  })

  it('signs out: the sockets that session opened close at once, on both gateways; another device stays', async () => {
    const ida = await signUp(system, 'ida')
    const laptop = new ApiClient(system.apiUrl)
    await laptop.signIn(ida.user.handle, passwordOf(ida.user.handle))
    const phoneA = await RawSocket.open(system.gateways[0]!.wsUrl, ida.api.token)
    const phoneB = await RawSocket.open(system.gateways[1]!.wsUrl, ida.api.token)
    const other = await RawSocket.open(system.gateways[0]!.wsUrl, laptop.token)
    await Promise.all([phoneA, phoneB, other].map((socket) => socket.nextFrame('ready')))
    const started = Date.now()
    await ida.api.signOut()
    const closes = await Promise.all([phoneA.closed, phoneB.closed])
    expect(closes).toEqual([
      { code: CLOSE_SESSION_EXPIRED, reason: 'signed out' },
      { code: CLOSE_SESSION_EXPIRED, reason: 'signed out' },
    ])
    expect(Date.now() - started).toBeLessThan(2_000)
    // The laptop's session is another one: its socket still works.
    other.send({ type: 'typing', conversationId: '00000000-0000-4000-8000-000000000000' })
    expect((await other.nextFrame('error')).code).toMatch(/^(PERMISSION_DENIED|NOT_FOUND)$/)
    other.close()
  })
})

// Expiry needs a short session, set in the service's env: compose's env is fixed by its file.
describe.each(runModes().filter((mode) => mode !== 'compose'))('sessions expire (%s)', (mode) => {
  const TTL_SECONDS = 3
  let system: RunningSystem
  beforeAll(async () => {
    system = await bootSystem(mode, { env: { SESSION_TTL_SECONDS: String(TTL_SECONDS) } })
  })
  afterAll(() => system?.stop())

  it('closes the socket with 4001 and refuses the token once it expires; the client then stops', async () => {
    const hana = await signUp(system, 'hana')
    const socket = await RawSocket.open(system.gateways[0]!.wsUrl, hana.api.token)
    await socket.nextFrame('ready')
    const chatter = hana.connect(system.gateways[1]!.wsUrl)
    await chatter.ready()
    const closed = await socket.closed
    expect(closed).toMatchObject({ code: CLOSE_SESSION_EXPIRED, reason: 'session expired' })
    expect(await statusWith(system, hana.api.token)).toBe(401)
    // The ChatClient sees the same close, asks the api, and reports that the person must sign in.
    await waitFor(() => chatter.errors.some((error) => error.code === 'UNAUTHENTICATED'), {
      what: 'the client to report the ended session',
      timeoutMs: 10_000,
    })
    chatter.close()
  }, 30_000)
})
