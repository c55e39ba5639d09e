import { hopIs, hopsInOrder, newTraceparent, runModes, waitForTrace } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WsEditor } from '../src/simulator/clients/ws-editor'
import { bootDocs, type RunningDocs, sharedDocument } from './support/system'

const is = hopIs

describe.each(runModes())('the wire view (%s)', (mode) => {
  let system: RunningDocs

  beforeAll(async () => {
    system = await bootDocs(mode)
  })
  afterAll(async () => {
    await system?.stop()
  })

  it('shows an op crossing WS → Redis lease check → Kafka (acks -1) → Redis head + PUBLISH → WS, and Kafka → PostgreSQL', async () => {
    const { owner, docId, users } = await sharedDocument(system, ['editor'])
    // The other editor is on the other replica: the op reaches it through Redis pub/sub.
    const other = await WsEditor.open([system.collabB], users[0]!.token, docId)
    const socket = new WebSocket(`${system.collabA.replace(/^http/, 'ws')}/ws?doc=${docId}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    })
    await new Promise((resolve) => socket.once('message', resolve))
    const { traceId, traceparent } = newTraceparent()
    socket.send(
      JSON.stringify({ type: 'op', opId: 'traced-op', baseRevision: 0, op: ['traced text'], trace: traceparent }),
    )
    await other.settled(() => other.text === 'traced text')

    const path = [
      is('ws', 'SERVER', 'op', /collab-a/),
      is('redis', 'CLIENT', 'GET', /collab-a/),
      is('kafka', 'PRODUCER', /googledocs\.ops/, /collab-a/),
      is('redis', 'CLIENT', /MULTI|SET/, /collab-a/),
      is('redis', 'PRODUCER', /PUBLISH/, /collab-a/),
      is('redis', 'CONSUMER', /gdocs:doc:|doc:/, /collab-b/),
      is('ws', 'PRODUCER', 'op', /collab-b/),
    ]
    const history = [is('kafka', 'CONSUMER', /googledocs\.ops/, /api/), is('sql', 'CLIENT', /^INSERT ops/, /api/)]
    const hops = await waitForTrace(
      system.wireUrl,
      traceId,
      (seen) => hopsInOrder(seen, path) && hopsInOrder(seen, history),
    )
    const produced = hops.find(path[2]!)!
    expect(produced.tags['messaging.kafka.message.key']).toBe(docId)
    socket.close()
    other.close()
  })
})
