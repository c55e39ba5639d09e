import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MessageView } from '../src/shared/frames'
import { type Chatter, conversationOf, signUp } from './support/chatter'
import { query } from './support/sql'
import { bootSystem, type RunningSystem } from './support/system'

// kill -9 needs the message service in its own process or container: not embedded.
describe.each(runModes().filter((mode) => mode !== 'embedded'))('crash safety (%s)', (mode) => {
  let system: RunningSystem
  const chatters: Chatter[] = []

  beforeAll(async () => {
    system = await bootSystem(mode)
  })
  afterAll(async () => {
    for (const chatter of chatters) chatter.close()
    await system?.stop()
  })

  /**
   * Alice streams 60 messages; after the first 10 acks `victim` is killed with SIGKILL and, half a
   * second later, started again. Every message must end up acknowledged, stored once under seqs
   * 1..60, and shown to every member once, in order.
   */
  const streamThroughCrashOf = async (victim: string) => {
    const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((name) => signUp(system, name)))
    const conversationId = await conversationOf(alice!, [bob!, carol!], `Crash of ${victim}`)
    // Short ack timeout: a send whose answer died with the service is resent within a second.
    const connected = [
      alice!.connect(system.gateways[0]!.wsUrl, { ackTimeoutMs: 1_000 }),
      bob!.connect(system.gateways[1]!.wsUrl),
      carol!.connect(system.gateways[0]!.wsUrl),
    ]
    chatters.push(...connected)
    await Promise.all(connected.map((chatter) => chatter.ready()))

    const acked: MessageView[] = []
    const total = 60
    const sends = Array.from({ length: total }, (_, i) =>
      alice!.client.send(conversationId, { text: `msg ${i}` }).then((message) => {
        acked.push(message)
        return message
      }),
    )
    await waitFor(() => acked.length >= 10, { what: '10 acks before the crash', timeoutMs: 15_000 })
    await system.processes!.kill(victim)
    const ackedBeforeCrash = acked.length
    await new Promise((resolve) => setTimeout(resolve, 500))
    await system.processes!.start(victim)

    const all = await Promise.all(sends)
    expect(ackedBeforeCrash).toBeLessThan(total) // the crash really happened mid-stream
    expect(new Set(all.map((message) => message.messageId)).size).toBe(total)

    // Stored once each, under seqs 1..60 without gaps.
    const rows = await query<{ seq: string; body: string }>(
      system,
      'SELECT seq, body FROM wa_messages.messages WHERE conversation_id = $1 ORDER BY seq',
      [conversationId],
    )
    expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    expect(new Set(rows.map((row) => row.body)).size).toBe(total)

    // Every recipient sees each acknowledged message once, in seq order.
    const expected = [...all].sort((a, b) => a.seq - b.seq).map((message) => message.messageId)
    for (const recipient of [bob!, carol!, alice!]) {
      const shown = await recipient.waitForMessages(conversationId, total, 30_000)
      expect(shown.map((message) => message.messageId)).toEqual(expected)
    }
    // A whole process restart (tsx start, migrations, Kafka producer join) sits inside this test:
    // seconds on an idle machine, far more on a loaded 2-core CI box.
  }

  it(
    'delivers every acknowledged message exactly once, in order, after kill -9 of the message service',
    () => streamThroughCrashOf('message'),
    120_000,
  )

  // The broker itself: only the compose profile's Kafka belongs to this run (the native one is
  // shared with every suite running beside this one), so this case exists in compose mode only.
  if (mode === 'compose') it('…and after kill -9 of the Kafka broker', () => streamThroughCrashOf('kafka'), 180_000)
})
