import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LongPollEditor } from '../src/simulator/clients/long-poll-editor'
import { call } from '../src/simulator/clients/rest'
import { SseViewer } from '../src/simulator/clients/sse-viewer'
import { WsEditor } from '../src/simulator/clients/ws-editor'
import { bootDocs, type RunningDocs, sharedDocument, TEST_POLL_TIMEOUT_MS, TEST_SNAPSHOT_EVERY } from './support/system'

describe.each(runModes())('collaborative editing (%s)', (mode) => {
  let system: RunningDocs
  const closers: Array<{ close(): void }> = []
  const track = <T extends { close(): void }>(client: T): T => {
    closers.push(client)
    return client
  }

  beforeAll(async () => {
    system = await bootDocs(mode)
  })
  afterAll(async () => {
    for (const client of closers) client.close()
    await system?.stop()
  })

  it('a WS editor, a long-poll editor and an SSE viewer share one document and converge', async () => {
    const { owner, docId, users } = await sharedDocument(system, ['editor', 'viewer'])
    const [editor, viewer] = users as [(typeof users)[0], (typeof users)[0]]
    const ws = track(await WsEditor.open([system.collabA], owner.token, docId))
    const poll = track(await LongPollEditor.open(system.collabB, editor!.token, docId, TEST_POLL_TIMEOUT_MS))
    const sse = track(await SseViewer.open(system.collabB, viewer!.token, docId))

    ws.edit(['Hello world'])
    await poll.settled(() => poll.text === 'Hello world')
    // Concurrent: both edit before seeing the other's op; the server transforms one past the other.
    ws.edit([5, ',', 1, { d: 5 }, 'there 👋'])
    poll.edit([11, '!'])
    await Promise.all([ws.settled(() => ws.revision === 3), poll.settled(() => poll.revision === 3)])
    expect(ws.text).toBe('Hello, there 👋!')
    expect(poll.text).toBe(ws.text)
    await sse.until(() => sse.revision === 3)
    expect(sse.text).toBe(ws.text)
  })

  it("refuses a viewer's op over WS and over long polling, and the document does not change", async () => {
    const { owner, docId, users } = await sharedDocument(system, ['viewer'])
    const ws = track(await WsEditor.open([system.collabA], owner.token, docId))
    ws.edit(['kept'])
    await ws.settled()
    const viewerWs = track(await WsEditor.open([system.collabB], users[0]!.token, docId))
    viewerWs.edit([{ d: 4 }, 'vandalised'])
    await expect.poll(() => viewerWs.errors.map((e) => e.code)).toContain('PERMISSION_DENIED')
    await expect(
      call('POST', `${system.collabA}/v1/documents/${docId}/ops`, users[0]!.token, {
        opId: 'viewer-1',
        baseRevision: 1,
        op: ['x'],
      }),
    ).rejects.toMatchObject({ status: 403, code: 'PERMISSION_DENIED' })
    const versions = await call<{ headRevision: number }>(
      'GET',
      `${system.apiUrl}/v1/documents/${docId}/versions`,
      owner.token,
    )
    expect(ws.revision).toBe(1)
    expect(versions.headRevision).toBeLessThanOrEqual(1)
  })

  it('rebuilds every version from snapshot + Kafka log: equal to the text the editors saw at that revision', async () => {
    const { owner, docId } = await sharedDocument(system, [])
    const ws = track(await WsEditor.open([system.collabA], owner.token, docId))
    const seen = new Map<number, string>()
    for (let i = 0; i < 13; i += 1) {
      ws.edit(i % 4 === 3 ? [0, { d: 1 }] : [Math.floor(ws.text.length / 2), `${i}é😀`])
      await ws.settled()
      seen.set(ws.revision, ws.text)
    }
    await expect
      .poll(
        async () =>
          (await call<{ headRevision: number }>('GET', `${system.apiUrl}/v1/documents/${docId}/versions`, owner.token))
            .headRevision,
        {
          timeout: 15_000,
        },
      )
      .toBe(13)
    const versions = await call<{ snapshots: Array<{ revision: number }> }>(
      'GET',
      `${system.apiUrl}/v1/documents/${docId}/versions`,
      owner.token,
    )
    expect(versions.snapshots.map((s) => s.revision)).toEqual([10, 5].filter((r) => r % TEST_SNAPSHOT_EVERY === 0))
    for (const [revision, text] of seen) {
      const version = await call<{ text: string; snapshotRevision: number }>(
        'GET',
        `${system.apiUrl}/v1/documents/${docId}/versions/${revision}`,
        owner.token,
      )
      expect(version.text, `revision ${revision}`).toBe(text)
      expect(version.snapshotRevision).toBe(Math.floor(revision / TEST_SNAPSHOT_EVERY) * TEST_SNAPSHOT_EVERY)
    }
  })

  it('shows presence with a colour per session, and cursors move', async () => {
    const { owner, docId, users } = await sharedDocument(system, ['editor'])
    const a = track(await WsEditor.open([system.collabA], owner.token, docId))
    const b = track(await LongPollEditor.open(system.collabB, users[0]!.token, docId, TEST_POLL_TIMEOUT_MS))
    a.edit(['abcdef'])
    a.cursor(3)
    await b.settled(() => b.presence.some((p) => p.sessionId === a.sessionId && p.cursor === 3))
    const mine = b.presence.find((p) => p.sessionId === a.sessionId)!
    expect(mine).toMatchObject({ handle: owner.handle, transport: 'ws' })
    expect(mine.colour).toMatch(/^#[0-9a-f]{6}$/)
    expect(b.presence.find((p) => p.sessionId === b.sessionId)?.transport).toBe('long-poll')
  })

  it('creates, lists, loads, shares and deletes documents over REST; a deleted document is gone for everyone', async () => {
    const { owner, docId, users } = await sharedDocument(system, ['editor'])
    const listed = await call<Array<{ id: string; role: string }>>(
      'GET',
      `${system.apiUrl}/v1/documents`,
      users[0]!.token,
    )
    expect(listed).toContainEqual(expect.objectContaining({ id: docId, role: 'editor' }))
    const loaded = await call<{ members: Array<{ role: string }> }>(
      'GET',
      `${system.apiUrl}/v1/documents/${docId}`,
      owner.token,
    )
    expect(loaded.members.map((m) => m.role).sort()).toEqual(['editor', 'owner'])
    await expect(call('DELETE', `${system.apiUrl}/v1/documents/${docId}`, users[0]!.token)).rejects.toMatchObject({
      status: 403,
    })
    await call('DELETE', `${system.apiUrl}/v1/documents/${docId}`, owner.token)
    await expect(call('GET', `${system.apiUrl}/v1/documents/${docId}`, owner.token)).rejects.toMatchObject({
      status: 404,
    })
    await expect(
      WsEditor.open([system.collabA], users[0]!.token, docId).then((e) => track(e).settled(() => false, 1_000)),
    ).rejects.toThrow()
  })
})
