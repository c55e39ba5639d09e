import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LongPollEditor } from '../src/simulator/clients/long-poll-editor'
import { call } from '../src/simulator/clients/rest'
import { SseViewer } from '../src/simulator/clients/sse-viewer'
import { WsEditor } from '../src/simulator/clients/ws-editor'
import { bootDocs, type RunningDocs, sharedDocument, TEST_POLL_TIMEOUT_MS, TEST_SNAPSHOT_EVERY } from './support/system'

/**
 * The compose smoke pass (infra/docker/compose-test.sh runs this file when it exists): the
 * profile's containers behind HAProxy, driven like any client. The full suite runs embedded and
 * on native infra; this covers one of each kind of thing in the deployed shape. It runs in every
 * mode, so it is also checked on every local run.
 */
describe.each(runModes())('google-docs smoke (%s)', (mode) => {
  let system: RunningDocs
  const closers: Array<{ close(): void }> = []
  const track = <T extends { close(): void }>(client: T): T => {
    closers.push(client)
    return client
  }
  let doc: Awaited<ReturnType<typeof sharedDocument>>

  beforeAll(async () => {
    system = await bootDocs(mode)
  })
  afterAll(async () => {
    for (const client of closers) client.close()
    await system?.stop()
  })

  it('creates a document and shares it with an editor and a viewer', async () => {
    doc = await sharedDocument(system, ['editor', 'viewer'])
    const loaded = await call<{ members: Array<{ handle: string; role: string }> }>(
      'GET',
      `${system.apiUrl}/v1/documents/${doc.docId}`,
      doc.owner.token,
    )
    expect(loaded.members.map((m) => m.role).sort()).toEqual(['editor', 'owner', 'viewer'])
  })

  it('a WS editor and a long-poll editor edit at once and converge; the SSE viewer sees the same text', async () => {
    const ws = track(await WsEditor.open([system.collabA], doc.owner.token, doc.docId))
    const poll = track(await LongPollEditor.open(system.collabB, doc.users[0]!.token, doc.docId, TEST_POLL_TIMEOUT_MS))
    const sse = track(await SseViewer.open(system.collabB, doc.users[1]!.token, doc.docId))
    for (let i = 0; i < 6; i += 1) {
      ws.edit([[...ws.text].length, `w${i}🙂 `])
      poll.edit([`p${i}é `])
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await Promise.all([ws.settled(() => ws.revision === 12), poll.settled(() => poll.revision === 12)])
    expect(poll.text).toBe(ws.text)
    await sse.until(() => sse.revision === 12)
    expect(sse.text).toBe(ws.text)
  })

  it('rebuilds a version from snapshot + log equal to what the editors saw', async () => {
    const ws = track(await WsEditor.open([system.collabA], doc.owner.token, doc.docId))
    const expected = ws.text
    await expect
      .poll(
        async () =>
          (
            await call<{ headRevision: number }>(
              'GET',
              `${system.apiUrl}/v1/documents/${doc.docId}/versions`,
              doc.owner.token,
            )
          ).headRevision,
        {
          timeout: 20_000,
        },
      )
      .toBe(12)
    const version = await call<{ text: string; snapshotRevision: number }>(
      'GET',
      `${system.apiUrl}/v1/documents/${doc.docId}/versions/12`,
      doc.owner.token,
    )
    expect(version).toMatchObject({ text: expected, snapshotRevision: 12 - (12 % TEST_SNAPSHOT_EVERY) })
  })

  it("refuses a viewer's op and an op against a future revision, and changes nothing", async () => {
    const op = { opId: 'smoke-bad', baseRevision: 12, op: ['x'] }
    await expect(
      call('POST', `${system.collabA}/v1/documents/${doc.docId}/ops`, doc.users[1]!.token, op),
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      call('POST', `${system.collabA}/v1/documents/${doc.docId}/ops`, doc.owner.token, { ...op, baseRevision: 99 }),
    ).rejects.toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' })
    const fresh = track(await WsEditor.open([system.collabB], doc.owner.token, doc.docId))
    expect(fresh.revision).toBe(12)
  })
})
