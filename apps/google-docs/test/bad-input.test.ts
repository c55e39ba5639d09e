import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ServerFrame } from '../src/shared/frames'
import { LongPollEditor } from '../src/simulator/clients/long-poll-editor'
import { call } from '../src/simulator/clients/rest'
import { WsEditor } from '../src/simulator/clients/ws-editor'
import { bootDocs, newUser, type RunningDocs, sharedDocument, TEST_POLL_TIMEOUT_MS } from './support/system'

/** Small, so a test can push a revision out of the server's transform window with a dozen ops. */
const HISTORY_WINDOW = 10

/** A raw socket: frames as sent, answers as received, nothing smoothed over by a client library. */
async function rawSocket(url: string, token: string, docId: string) {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws?doc=${docId}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const frames: ServerFrame[] = []
  socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as ServerFrame))
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  await expect.poll(() => frames.some((f) => f.type === 'ready')).toBe(true)
  const answer = async (frame: unknown) => {
    const before = frames.length
    socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
    await expect.poll(() => frames.length > before).toBe(true)
    return frames.at(-1)!
  }
  return { socket, frames, closed, answer }
}

describe.each(runModes())('hostile input (%s)', (mode) => {
  let system: RunningDocs
  let doc: Awaited<ReturnType<typeof sharedDocument>>
  let witness: WsEditor

  beforeAll(async () => {
    system = await bootDocs(mode, { env: { HISTORY_WINDOW: String(HISTORY_WINDOW) } })
    doc = await sharedDocument(system, ['viewer'])
    witness = await WsEditor.open([system.collabA], doc.owner.token, doc.docId)
    for (let i = 0; i < HISTORY_WINDOW + 2; i += 1) witness.edit([i, String(i % 10)])
    await witness.settled(() => witness.revision === HISTORY_WINDOW + 2)
  })
  afterAll(async () => {
    witness?.close()
    await system?.stop()
  })

  /** Nothing changed: the witness saw no new op, and a fresh join reads the same text. */
  async function unchanged(): Promise<void> {
    const fresh = await WsEditor.open([system.collabB], doc.owner.token, doc.docId)
    try {
      expect(fresh.revision).toBe(HISTORY_WINDOW + 2)
      expect(fresh.text).toBe(witness.text)
      expect(witness.revision).toBe(HISTORY_WINDOW + 2)
    } finally {
      fresh.close()
    }
    for (const url of [system.collabA, system.collabB, system.apiUrl])
      expect((await fetch(`${url}/healthz`)).status).toBe(200)
  }

  it('an op against a future revision, a long-gone one, or reaching past the end: a clear error', async () => {
    const raw = await rawSocket(system.collabA, doc.owner.token, doc.docId)
    const head = witness.revision
    expect(await raw.answer({ type: 'op', opId: 'future', baseRevision: head + 5, op: ['x'] })).toMatchObject({
      type: 'error',
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('future'),
      opId: 'future',
    })
    expect(await raw.answer({ type: 'op', opId: 'ancient', baseRevision: 0, op: ['x'] })).toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('too old'),
    })
    expect(await raw.answer({ type: 'op', opId: 'beyond', baseRevision: head, op: [3, { d: 500 }] })).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('past the end'),
    })
    expect(await raw.answer({ type: 'op', opId: 'neg', baseRevision: head, op: [-1, 'x'] })).toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
    raw.socket.close()
    await unchanged()
  })

  it('malformed JSON and unknown frames get an error frame; the socket stays usable', async () => {
    const raw = await rawSocket(system.collabB, doc.owner.token, doc.docId)
    expect(await raw.answer('{"type":"op", nope')).toMatchObject({ type: 'error', code: 'INVALID_ARGUMENT' })
    expect(await raw.answer({ type: 'format-disk' })).toMatchObject({ type: 'error', code: 'INVALID_ARGUMENT' })
    expect(await raw.answer({ type: 'sync', after: witness.revision - 1 })).toMatchObject({ type: 'ops' })
    raw.socket.close()
    const response = await fetch(`${system.collabA}/v1/documents/${doc.docId}/ops`, {
      method: 'POST',
      headers: { authorization: `Bearer ${doc.owner.token}`, 'content-type': 'application/json' },
      body: '{"opId": "x", ',
    })
    expect(response.status).toBe(400)
    await unchanged()
  })

  it('a 1 MB insert: close 1009 on the socket, 413 on long polling', async () => {
    const raw = await rawSocket(system.collabA, doc.owner.token, doc.docId)
    raw.socket.send(
      JSON.stringify({ type: 'op', opId: 'huge', baseRevision: witness.revision, op: ['x'.repeat(1024 * 1024)] }),
    )
    expect(await raw.closed).toBe(1009)
    const response = await fetch(`${system.collabB}/v1/documents/${doc.docId}/ops`, {
      method: 'POST',
      headers: { authorization: `Bearer ${doc.owner.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ opId: 'huge2', baseRevision: witness.revision, op: ['x'.repeat(1024 * 1024)] }),
    })
    expect(response.status).toBe(413)
    await unchanged()
  })

  it('an op on a document the user cannot edit: viewer 403, stranger 404, no token 401', async () => {
    const stranger = await newUser(system, 'stranger')
    const op = { opId: 'nope', baseRevision: witness.revision, op: ['x'] }
    await expect(
      call('POST', `${system.collabA}/v1/documents/${doc.docId}/ops`, doc.users[0]!.token, op),
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      call('POST', `${system.collabA}/v1/documents/${doc.docId}/ops`, stranger.token, op),
    ).rejects.toMatchObject({ status: 404 })
    await expect(call('POST', `${system.collabA}/v1/documents/${doc.docId}/ops`, undefined, op)).rejects.toMatchObject({
      status: 401,
    })
    await expect(WsEditor.open([system.collabA], stranger.token, doc.docId)).rejects.toThrow(/4404/)
    await expect(WsEditor.open([system.collabA], `${doc.owner.token}x`, doc.docId)).rejects.toThrow(/401/)
    await unchanged()
  })

  it('a replayed op id is answered ALREADY_EXISTS and applied once', async () => {
    const raw = await rawSocket(system.collabA, doc.owner.token, doc.docId)
    const op = { type: 'op', opId: 'replayed-op', baseRevision: witness.revision, op: ['!'] }
    raw.socket.send(JSON.stringify(op))
    await witness.settled(() => witness.text.startsWith('!'))
    const revision = witness.revision
    expect(await raw.answer(op)).toMatchObject({ type: 'error', code: 'ALREADY_EXISTS', opId: 'replayed-op' })
    await expect(
      call('POST', `${system.collabB}/v1/documents/${doc.docId}/ops`, doc.owner.token, { ...op, type: undefined }),
    ).rejects.toMatchObject({ status: 409, code: 'ALREADY_EXISTS' })
    expect(witness.revision).toBe(revision)
    expect([...witness.text].filter((c) => c === '!')).toHaveLength(1)
    // Undo it so the other tests' "unchanged" still holds for this file's document.
    witness.edit([{ d: 1 }])
    await witness.settled(() => !witness.text.startsWith('!'))
    raw.socket.close()
  })

  it('a long poll with nothing to say is timed out by the server, and the client resumes', async () => {
    const { owner, docId } = await sharedDocument(system, [])
    const started = Date.now()
    const empty = await call<{ ops: unknown[]; timedOut: boolean }>(
      'GET',
      `${system.collabA}/v1/documents/${docId}/ops?after=0`,
      owner.token,
    )
    expect(empty).toMatchObject({ ops: [], timedOut: true })
    expect(Date.now() - started).toBeGreaterThanOrEqual(TEST_POLL_TIMEOUT_MS - 50)
    const poller = await LongPollEditor.open(system.collabB, owner.token, docId, TEST_POLL_TIMEOUT_MS)
    await expect.poll(() => poller.timedOutPolls, { timeout: 5_000 }).toBeGreaterThanOrEqual(2)
    const writer = await WsEditor.open([system.collabA], owner.token, docId)
    writer.edit(['after the timeouts'])
    await poller.settled(() => poller.text === 'after the timeouts')
    writer.close()
    poller.close()
    await expect(
      call('GET', `${system.collabA}/v1/documents/${docId}/ops?after=abc`, owner.token),
    ).rejects.toMatchObject({ status: 400 })
  })
})
