import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiError } from '../web/src/api-client'
import { aliceAndBobOnTwoGateways, type Chatter, signUp } from './support/chatter'
import { PIXEL_PNG } from './support/pixel'
import { count } from './support/sql'
import { bootSystem, type RunningSystem } from './support/system'

describe.each(runModes())('REST: media, profile, settings, contacts (%s)', (mode) => {
  let system: RunningSystem
  const chatters: Chatter[] = []
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: ApiError) => error,
    )

  beforeAll(async () => {
    system = await bootSystem(mode)
  })
  afterAll(async () => {
    for (const chatter of chatters) chatter.close()
    await system?.stop()
  })

  it('uploads an image, sends its URL in a message, and the recipient fetches it', async () => {
    const { alice, bob, conversationId } = await aliceAndBobOnTwoGateways(system, chatters)

    const upload = await alice.api.uploadMedia(PIXEL_PNG, 'image/png')
    expect(upload).toMatchObject({ contentType: 'image/png', sizeBytes: PIXEL_PNG.byteLength })
    await alice.client.send(conversationId, {
      text: 'look',
      media: { url: upload.url, contentType: upload.contentType },
    })
    const [received] = await bob.waitForMessages(conversationId, 1)
    expect(received!.media).toEqual({ url: upload.url, contentType: 'image/png' })

    const fetched = await fetch(received!.media!.url)
    expect(fetched.status).toBe(200)
    expect(fetched.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await fetched.arrayBuffer()).equals(PIXEL_PNG)).toBe(true)
  })

  it('refuses media of the wrong type, bytes that lie about their type, and oversize uploads', async () => {
    const carol = await signUp(system, 'carol')
    const before = await count(system, 'SELECT count(*) AS n FROM wa_api.media')
    const html = new TextEncoder().encode('<script>alert(1)</script>')
    expect(await refusal(carol.api.uploadMedia(html, 'text/html'))).toMatchObject({ status: 415 })
    expect(await refusal(carol.api.uploadMedia(html, 'image/png'))).toMatchObject({
      status: 415,
      message: expect.stringMatching(/bytes are not image\/png/),
    })
    expect(await refusal(carol.api.uploadMedia(PIXEL_PNG, 'image/svg+xml'))).toMatchObject({ status: 415 })
    const huge = Buffer.concat([PIXEL_PNG, Buffer.alloc(5 * 1024 * 1024)])
    expect(await refusal(carol.api.uploadMedia(huge, 'image/png'))).toMatchObject({ status: 413 })
    expect(await count(system, 'SELECT count(*) AS n FROM wa_api.media')).toBe(before)
    const missing = await fetch(`${system.apiUrl}/v1/media/00000000-0000-4000-8000-000000000000`)
    expect(missing.status).toBe(404)
  })

  it('updates the profile and the settings', async () => {
    const dave = await signUp(system, 'dave')
    expect(await dave.api.updateProfile({ displayName: 'Dave D.', about: 'at the gym' })).toMatchObject({
      displayName: 'Dave D.',
      about: 'at the gym',
    })
    expect(await dave.api.updateSettings({ readReceipts: false })).toEqual({ readReceipts: false, showLastSeen: true })
    expect(await dave.api.me()).toMatchObject({
      user: { displayName: 'Dave D.', about: 'at the gym' },
      settings: { readReceipts: false, showLastSeen: true },
    })
    expect(await refusal(dave.api.updateProfile({ displayName: '   ' }))).toMatchObject({ status: 400 })
    expect(await refusal(dave.api.updateSettings({}))).toMatchObject({ status: 400 })
  })

  it('adds contacts by handle, both ways', async () => {
    const erin = await signUp(system, 'erin')
    const frank = await signUp(system, 'frank')
    expect(await erin.api.addContact(frank.user.handle)).toMatchObject({ userId: frank.userId })
    expect((await frank.api.contacts()).map((c) => c.userId)).toEqual([erin.userId])
    expect(await refusal(erin.api.addContact('nobody_here_x'))).toMatchObject({ status: 404 })
    expect(await refusal(erin.api.addContact(erin.user.handle))).toMatchObject({ status: 400 })
  })

  it('answers 401 without a valid token and 400 for malformed bodies', async () => {
    const noToken = await fetch(`${system.apiUrl}/v1/me`)
    expect(noToken.status).toBe(401)
    expect(await noToken.json()).toMatchObject({ data: null, errors: [{ code: 'UNAUTHENTICATED' }] })
    const badToken = await fetch(`${system.apiUrl}/v1/conversations`, { headers: { authorization: 'Bearer nope' } })
    expect(badToken.status).toBe(401)
    const gina = await signUp(system, 'gina')
    expect(await refusal(gina.api.createConversation(['not-a-uuid']))).toMatchObject({ status: 400 })
    const malformed = await fetch(`${system.apiUrl}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"handle":',
    })
    expect(malformed.status).toBe(400)
  })
})
