import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type AppliedOp, EditorState, RevisionGapError, type Submission } from '../../shared/editor-state'
import { charLength, type TextOp } from '../../shared/text-op'
import { DocumentAuthority } from './document-authority'

// Emoji (astral, ZWJ sequences, skin tones), combining marks on their own and after letters,
// CJK and plain ASCII: everything a code-point-counting OT must not split or miscount.
const PIECES = ['a', 'b', 'Z', ' ', 'é', 'e\u0301', '\u0301', '\u0308', '😀', '👍🏽', '👩‍💻', '🇫🇷', '中', '文', '\n']
const insertText = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }).map((p) => p.join(''))

type Step =
  | { kind: 'edit'; client: number; at: number; del: number; text: string; insert: boolean }
  | { kind: 'upload'; client: number }
  | { kind: 'download'; client: number; pick: number }
  | { kind: 'reconnect'; client: number }

const step = (clients: number): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('edit' as const),
      client: fc.nat(clients - 1),
      at: fc.nat(1000),
      del: fc.nat(3),
      text: insertText,
      insert: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('upload' as const), client: fc.nat(clients - 1) }),
    fc.record({ kind: fc.constant('download' as const), client: fc.nat(clients - 1), pick: fc.nat(5) }),
    fc.record({ kind: fc.constant('reconnect' as const), client: fc.nat(clients - 1) }),
  )

interface Client {
  state: EditorState
  transport: 'ws' | 'long-poll'
  /** Submissions on their way to the server (delayed until an 'upload' step). */
  up: Submission[]
  /** Ops on their way to the client; WS delivers in order, long polling a batch, sometimes twice. */
  down: AppliedOp[]
}

/**
 * The server and 2-8 editors on a simulated network. fast-check picks the interleaving: which
 * editor types what where, when a submission reaches the server, when (and in what order)
 * broadcast ops reach each editor, and when an editor reconnects and resends its in-flight op.
 * Long-poll editors receive batches that may repeat ops they already have; WS ones a stream
 * whose frames may arrive late. At the end everything is delivered and all texts must match.
 */
function run(seedText: string, transports: Array<'ws' | 'long-poll'>, steps: Step[]): void {
  const server = new DocumentAuthority(
    { revision: 0, text: seedText, recent: [] },
    { historyWindow: 10_000, maxDocumentChars: 100_000, maxInsertChars: 1_000 },
  )
  let ids = 0
  const clients: Client[] = transports.map((transport) => ({
    state: new EditorState(seedText, 0, () => {
      ids += 1
      return `op-${ids}`
    }),
    transport,
    up: [],
    down: [],
  }))
  const send = (client: Client, submission: Submission | undefined) => {
    if (submission) client.up.push({ ...submission, op: [...submission.op] })
  }
  const upload = (index: number) => {
    const client = clients[index]!
    const submission = client.up.shift()
    if (!submission) return
    const outcome = server.submit(`user-${index}`, submission)
    if (outcome.kind === 'applied') for (const other of clients) other.down.push(outcome.applied)
  }
  const download = (client: Client, pick: number) => {
    if (client.down.length === 0) return
    // A frame that overtakes an earlier one is a gap: the editor refuses it and it is retried later.
    const index = client.transport === 'ws' ? Math.min(pick % 2, client.down.length - 1) : 0
    const batch =
      client.transport === 'ws' ? [client.down[index]!] : server.since(Math.max(0, client.state.revision - (pick % 3)))
    try {
      for (const applied of batch) send(client, client.state.receive(applied).next)
      if (client.transport === 'ws') client.down.splice(index, 1)
      else client.down = client.down.filter((op) => op.revision > client.state.revision)
    } catch (error) {
      if (!(error instanceof RevisionGapError)) throw error
    }
  }
  for (const s of steps) {
    const client = clients[s.client]!
    if (s.kind === 'edit') {
      const length = charLength(client.state.text)
      const at = s.at % (length + 1)
      const del = Math.min(s.del, length - at)
      const op: TextOp = s.insert || del === 0 ? [at, s.text] : [at, { d: del }]
      send(client, client.state.edit(op))
    } else if (s.kind === 'upload') upload(s.client)
    else if (s.kind === 'download') download(client, s.pick)
    else {
      // The socket dropped: anything still on the wire is lost; the editor catches up and resends.
      client.up = []
      client.down = []
      for (const applied of server.since(client.state.revision)) send(client, client.state.receive(applied).next)
      send(client, client.state.resend())
    }
  }
  // Quiesce: deliver everything, in order, until no editor has anything left to send.
  for (let round = 0; round < 10_000; round += 1) {
    const busy = clients.some(
      (c) => c.up.length > 0 || c.state.unacknowledged > 0 || c.state.revision < server.revision,
    )
    if (!busy) break
    clients.forEach((client, index) => {
      if (client.up.length === 0 && client.state.pending && client.state.revision === server.revision)
        send(client, client.state.resend())
      upload(index)
      client.down = []
      for (const applied of server.since(client.state.revision)) send(client, client.state.receive(applied).next)
    })
  }
  for (const client of clients) {
    expect(client.state.unacknowledged).toBe(0)
    expect(client.state.text).toBe(server.text)
  }
}

describe('OT convergence (fast-check)', () => {
  it('2-8 editors on WS and long polling, random unicode edits, delays, reorderings and resends: all end with the server text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((n) =>
          fc.tuple(
            fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => p.join('')),
            fc.array(fc.constantFrom('ws' as const, 'long-poll' as const), { minLength: n, maxLength: n }),
            fc.array(step(n), { minLength: 5, maxLength: 80 }),
          ),
        ),
        ([seed, transports, steps]) => run(seed, transports, steps),
      ),
      { numRuns: 1_000 },
    )
  })
})
