import { runModes } from '@wired/testkit'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { charLength, type TextOp } from '../src/shared/text-op'
import { LongPollEditor } from '../src/simulator/clients/long-poll-editor'
import { createDocument, type Session, share } from '../src/simulator/clients/rest'
import { WsEditor } from '../src/simulator/clients/ws-editor'
import { bootDocs, newUser, type RunningDocs, TEST_POLL_TIMEOUT_MS } from './support/system'

const PIECES = ['a', 'Z', ' ', 'é', 'e\u0301', '\u0308', '😀', '👍🏽', '👩‍💻', '中']

/**
 * The in-process property (src/collab/domain/convergence.test.ts, 1,000 runs) again, against the
 * running replicas over real sockets: WS and long-poll editors spread over both replicas, random
 * unicode edits at random moments. Fewer runs: each is a real document with real round trips.
 */
describe.each(runModes())('convergence over real sockets (%s)', (mode) => {
  let system: RunningDocs
  // Signed up once (each sign-up is a scrypt hash); every run gets a fresh document.
  let sessions: Session[]

  beforeAll(async () => {
    system = await bootDocs(mode)
    sessions = []
    for (let i = 0; i < 5; i += 1) sessions.push(await newUser(system, `live${i}`))
  })
  afterAll(async () => {
    await system?.stop()
  })

  it('2-5 editors, WS and long polling mixed, on both replicas: all end with the server text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('ws' as const, 'long-poll' as const), { minLength: 2, maxLength: 5 }),
        fc.array(
          fc.record({
            editor: fc.nat(4),
            at: fc.nat(500),
            del: fc.nat(3),
            text: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
            pauseMs: fc.constantFrom(0, 0, 1, 5, 20),
          }),
          { minLength: 5, maxLength: 30 },
        ),
        async (transports, edits) => {
          const owner = sessions[0]!
          const docId = await createDocument(system.apiUrl, owner, 'live convergence')
          for (const editor of sessions.slice(1, transports.length))
            await share(system.apiUrl, owner, docId, editor.handle, 'editor')
          const editors = await Promise.all(
            transports.map((t, i) => {
              const url = i % 2 === 0 ? system.collabA : system.collabB
              return t === 'ws'
                ? WsEditor.open([url], sessions[i]!.token, docId)
                : LongPollEditor.open(url, sessions[i]!.token, docId, TEST_POLL_TIMEOUT_MS)
            }),
          )
          try {
            for (const edit of edits) {
              const editor = editors[edit.editor % editors.length]!
              const length = charLength(editor.text)
              const at = edit.at % (length + 1)
              const del = Math.min(edit.del, length - at)
              const op: TextOp = del > 0 && edit.del % 2 === 1 ? [at, { d: del }] : [at, edit.text]
              editor.edit(op)
              if (edit.pauseMs) await new Promise((resolve) => setTimeout(resolve, edit.pauseMs))
            }
            const count = (e: { revision: number }) => e.revision
            await Promise.all(
              editors.map((e) => e.settled(() => editors.every((o) => o.state!.unacknowledged === 0), 20_000)),
            )
            await Promise.all(editors.map((e) => e.settled(() => count(e) === Math.max(...editors.map(count)), 20_000)))
            const server = await WsEditor.open([system.collabB], owner.token, docId)
            server.close()
            for (const editor of editors) {
              expect(editor.revision).toBe(server.revision)
              expect(editor.text).toBe(server.text)
            }
          } finally {
            for (const editor of editors) editor.close()
          }
        },
      ),
      { numRuns: 15 },
    )
  }, 240_000)
})
