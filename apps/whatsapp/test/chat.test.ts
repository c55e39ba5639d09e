import { runModes, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aliceAndBobOnTwoGateways, type Chatter, conversationOf, signUp } from './support/chatter'
import { count } from './support/sql'
import { bootSystem, type RunningSystem } from './support/system'

describe.each(runModes())('chat over WebSocket (%s)', (mode) => {
  let system: RunningSystem
  const chatters: Chatter[] = []
  const user = async (name: string, gateway: 0 | 1) => {
    const chatter = (await signUp(system, name)).connect(system.gateways[gateway]!.wsUrl)
    chatters.push(chatter)
    return chatter
  }

  beforeAll(async () => {
    system = await bootSystem(mode)
  })
  afterAll(async () => {
    for (const chatter of chatters) chatter.close()
    await system?.stop()
  })

  it('lets two users on different gateways chat, with sent, delivered and read receipts', async () => {
    const { alice, bob, conversationId } = await aliceAndBobOnTwoGateways(system, chatters)
    expect(alice.readies[0]!.gatewayId).not.toBe(bob.readies[0]!.gatewayId)

    // Sent: the ack carries the stored message and its server sequence number.
    const sent = await alice.client.send(conversationId, { text: 'hi bob' })
    expect(sent).toMatchObject({ seq: 1, senderId: alice.userId, text: 'hi bob' })
    const [received] = await bob.waitForMessages(conversationId, 1)
    expect(received).toMatchObject({ messageId: sent.messageId, seq: 1, text: 'hi bob' })

    // Delivered: bob's device reports it without being asked; read: when bob opens the chat.
    await waitFor(() => alice.receiptOf(conversationId, bob.userId).deliveredSeq === 1, { what: 'delivered receipt' })
    expect(alice.receiptOf(conversationId, bob.userId).readSeq).toBe(0)
    bob.client.markRead(conversationId)
    await waitFor(() => alice.receiptOf(conversationId, bob.userId).readSeq === 1, { what: 'read receipt' })

    await bob.client.send(conversationId, { text: 'hi alice' })
    const seen = await alice.waitForMessages(conversationId, 2)
    expect(seen.map((message) => [message.seq, message.text])).toEqual([
      [1, 'hi bob'],
      [2, 'hi alice'],
    ])
  })

  it('keeps one order per conversation while two people type at once', async () => {
    const carol = await user('carol', 0)
    const dave = await user('dave', 1)
    const conversationId = await conversationOf(carol, [dave])
    await Promise.all([carol.ready(), dave.ready()])
    const burst = (who: Chatter) =>
      Array.from({ length: 15 }, (_, i) => who.client.send(conversationId, { text: `${who.user.handle} #${i}` }))
    const acks = await Promise.all([...burst(carol), ...burst(dave)])

    const expected = [...acks].sort((a, b) => a.seq - b.seq).map((message) => message.messageId)
    expect(acks.map((message) => message.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    )
    for (const chatter of [carol, dave]) {
      const shown = await chatter.waitForMessages(conversationId, 30)
      expect(shown.map((message) => message.messageId)).toEqual(expected)
    }
    // Each sender's messages got seqs in the order they were sent.
    const carols = acks.slice(0, 15).map((message) => message.seq)
    expect(carols).toEqual([...carols].sort((a, b) => a - b))
  })

  it('fans a group message out to every member, on both gateways', async () => {
    const members = await Promise.all([user('g1', 0), user('g2', 1), user('g3', 0), user('g4', 1)])
    const [owner, ...others] = members
    const conversationId = await conversationOf(owner!, others, 'Book club')
    await Promise.all(members.map((member) => member.ready()))
    const sent = await others[1]!.client.send(conversationId, { text: 'chapter 3 tonight?' })
    for (const member of members) {
      const [message] = await member.waitForMessages(conversationId, 1)
      expect(message).toMatchObject({ messageId: sent.messageId, seq: 1 })
    }
    // Every other member's device reports delivery back to the sender.
    await waitFor(
      () =>
        members
          .filter((m) => m !== others[1])
          .every((m) => others[1]!.receiptOf(conversationId, m.userId).deliveredSeq === 1),
      { what: 'delivered receipts from every member' },
    )
  })

  it('relays typing, and shows contacts going online and offline with a last seen time', async () => {
    const erin = await user('erin', 0)
    const frank = await signUp(system, 'frank')
    const conversationId = await conversationOf(erin, [frank])
    await erin.ready()
    chatters.push(frank.connect(system.gateways[1]!.wsUrl))
    await frank.ready()
    // Frank connected after Erin: she is told; he saw her online in his ready frame.
    await waitFor(() => erin.presence.some((p) => p.userId === frank.userId && p.online), { what: 'frank online' })
    expect(frank.readies[0]!.presence).toContainEqual({ userId: erin.userId, online: true })

    frank.client.typing(conversationId)
    await waitFor(() => erin.typing.some((t) => t.userId === frank.userId && t.conversationId === conversationId), {
      what: 'typing notice',
    })

    const before = Date.now()
    frank.close()
    const latest = () => erin.presence.filter((p) => p.userId === frank.userId).at(-1)
    const offline = await waitFor(() => (latest()?.online === false ? latest() : undefined), { what: 'frank offline' })
    expect(offline.lastSeenAtMs).toBeGreaterThanOrEqual(before)
  })

  it('sends 200 messages queued before the socket is ready: all acked on one socket, each published once', async () => {
    const ivy = await signUp(system, 'ivy')
    const jon = await user('jon', 1)
    const conversationId = await conversationOf(ivy, [jon])
    // Typed while the socket was still opening, as an outbox holds them after time offline. Sent
    // all at once they would pass the gateway's limit (50 frames/s) and get the socket closed
    // with 1008, over and over; the client paces them below the rate its ready frame announces.
    ivy.connect(system.gateways[0]!.wsUrl)
    chatters.push(ivy)
    const total = 200
    const acks = await Promise.all(
      Array.from({ length: total }, (_, i) => ivy.client.send(conversationId, { text: `queued ${i}` })),
    )
    expect(acks.map((message) => message.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    expect(ivy.readies).toHaveLength(1) // one socket from first to last: never closed, never reconnected
    expect(ivy.readies[0]!.limits.framesPerSecond).toBeGreaterThan(0)
    expect(ivy.client.stats.reconnects).toBe(0)
    // No send went twice, so nothing was published twice: the audit trail holds one record each.
    const published = () =>
      count(
        system,
        `SELECT count(*) AS n FROM wa_audit.audit_log
         WHERE event_type = 'wired.whatsapp.v1.MessageAccepted' AND payload->'message'->>'conversationId' = $1`,
        [conversationId],
      )
    await waitFor(async () => (await published()) >= total, {
      what: `${total} MessageAccepted records`,
      timeoutMs: 20_000,
    })
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await published()).toBe(total)
  })

  it('stores a resent message once: the client message id makes sends idempotent', async () => {
    const gina = await user('gina', 0)
    const hal = await user('hal', 1)
    const conversationId = await conversationOf(gina, [hal])
    await Promise.all([gina.ready(), hal.ready()])
    const first = await gina.client.send(conversationId, { text: 'only once' }, 'retry-test-0001')
    // A client that missed the ack resends the same frame (same clientMessageId).
    const again = await gina.client.send(conversationId, { text: 'only once' }, 'retry-test-0001')
    expect(again).toEqual(first)
    const next = await gina.client.send(conversationId, { text: 'after' })
    expect(next.seq).toBe(first.seq + 1)

    await hal.waitForMessages(conversationId, 2)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(hal.messagesIn(conversationId).map((m) => m.text)).toEqual(['only once', 'after'])
    expect(
      await count(system, 'SELECT count(*) AS n FROM wa_messages.messages WHERE sender_id = $1', [gina.userId]),
    ).toBe(2)
    // ... and publishes it once: the resend put no second MessageAccepted on Kafka.
    const accepted = () =>
      count(
        system,
        `SELECT count(*) AS n FROM wa_audit.audit_log WHERE event_type = 'wired.whatsapp.v1.MessageAccepted'
         AND payload->'message'->>'conversationId' = $1`,
        [conversationId],
      )
    await waitFor(async () => (await accepted()) >= 2, { what: 'both messages audited' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await accepted()).toBe(2)
  })
})
