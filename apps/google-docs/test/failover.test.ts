import { runModes } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LongPollEditor } from '../src/simulator/clients/long-poll-editor'
import { call } from '../src/simulator/clients/rest'
import { WsEditor } from '../src/simulator/clients/ws-editor'
import { bootDocs, type RunningDocs, sharedDocument, TEST_POLL_TIMEOUT_MS } from './support/system'

/**
 * The document's authority is killed with -9 while editors type. Its lease (LEASE_MS = 1.5 s in
 * tests) runs out, the other replica takes the document over from Redis, the editors reconnect
 * and resend their in-flight ops under the same ids, and no acknowledged op is lost: every word
 * anyone typed is in the final text, once, on every editor and in the rebuilt version.
 */
describe.each(runModes())('authority failover (%s)', (mode) => {
  let system: RunningDocs

  beforeAll(async () => {
    system = await bootDocs(mode)
  })
  afterAll(async () => {
    await system?.stop()
  })

  it('kill -9 of the replica that leads a document: editors reconnect and lose no acknowledged op', async () => {
    if (!system.processes) throw new Error('this mode cannot kill a service')
    const { owner, docId, users } = await sharedDocument(system, ['editor', 'editor'])
    // A types first, on collab-a, so collab-a takes the lease and leads the document.
    const a = await WsEditor.open([system.collabA, system.collabB], owner.token, docId)
    a.edit(['[start]'])
    await a.settled()
    const b = await WsEditor.open([system.collabB, system.collabA], users[0]!.token, docId)
    const c = await LongPollEditor.open(system.collabB, users[1]!.token, docId, TEST_POLL_TIMEOUT_MS)
    const editors = [a, b, c]
    const words: string[] = []
    const type = (round: number) =>
      editors.forEach((editor, i) => {
        const word = ` w${round}e${i}`
        words.push(word)
        editor.edit([[...editor.text].length, word])
      })
    for (let round = 0; round < 5; round += 1) {
      type(round)
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    await system.processes.kill('collab-a')
    // Typing goes on while nobody leads the document: those ops wait, they are not lost.
    for (let round = 5; round < 10; round += 1) {
      type(round)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await Promise.all(editors.map((editor) => editor.settled(() => editor.revision >= 1 + words.length, 30_000)))
    expect(a.replica).toBe('collab-b')
    for (const editor of editors) expect(editor.text).toBe(a.text)
    for (const word of words) expect(a.text.split(word).length - 1, word).toBe(1)
    expect(a.revision).toBe(1 + words.length)

    // The Kafka log has every op once: the rebuilt head equals what the editors have.
    await expect
      .poll(
        async () =>
          (await call<{ headRevision: number }>('GET', `${system.apiUrl}/v1/documents/${docId}/versions`, owner.token))
            .headRevision,
        {
          timeout: 20_000,
        },
      )
      .toBe(a.revision)
    const head = await call<{ text: string }>(
      'GET',
      `${system.apiUrl}/v1/documents/${docId}/versions/${a.revision}`,
      owner.token,
    )
    expect(head.text).toBe(a.text)
    for (const editor of editors) editor.close()
    await system.processes.start('collab-a')
  }, 90_000)
})
