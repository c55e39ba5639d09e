import { randomUUID } from 'node:crypto'
import { runModes, sleep, waitFor } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectMessages, connectNotifications } from '../src/shared/clients'
import type { ApiError } from '../web/src/api-client'
import { aliceAndBobOnTwoGateways, type Chatter, conversationOf, secondDevice, signUp } from './support/chatter'
import { count, query } from './support/sql'
import { bootSystem, type RunningSystem } from './support/system'

describe.each(runModes())('offline delivery, resume and history (%s)', (mode) => {
  let system: RunningSystem
  const chatters: Chatter[] = []

  beforeAll(async () => {
    system = await bootSystem(mode)
  })
  afterAll(async () => {
    for (const chatter of chatters) chatter.close()
    await system?.stop()
  })

  it('stores messages for an offline user, records a push, and delivers them on resume', async () => {
    const { alice, bob, conversationId } = await aliceAndBobOnTwoGateways(system, chatters)
    await alice.client.send(conversationId, { text: 'before' })
    await bob.waitForMessages(conversationId, 1)
    const lastSeen = bob.client.lastSeq(conversationId)
    bob.close() // bob's phone goes into a tunnel

    await waitFor(() => alice.presence.some((p) => p.userId === bob.userId && !p.online), { what: 'bob offline' })
    for (const text of ['while', 'you', 'were away']) await alice.client.send(conversationId, { text })

    // Nobody was subscribed to bob's inbox channel, so the delivery consumer asked for pushes.
    const notifications = connectNotifications(system.notificationAddress, { name: 'ops', secret: system.grpcSecret })
    try {
      const pushes = await waitFor(
        async () => {
          const { pushes } = await notifications.listNotifications({ userId: bob.userId, limit: 10 })
          const offline = pushes.filter((push) => push.seq > lastSeen)
          return offline.length === 3 ? offline : undefined
        },
        { what: 'three pushes for bob', timeoutMs: 10_000 },
      )
      // Only messages bob had not seen count: the delivery consumer is at-least-once, and a record
      // Kafka redelivers after a rebalance finds bob offline. His delivered mark (next test)
      // stops a push of 'before' once his receipt was relayed, but the receipt may still be on
      // its way. The pushes table keeps one push per (user, message) whatever happens.
      expect(pushes.map((push) => push.preview).sort()).toEqual(['were away', 'while', 'you'])
      expect(pushes.every((push) => push.senderId === alice.userId && push.conversationId === conversationId)).toBe(
        true,
      )
    } finally {
      notifications.close()
    }

    // Bob comes back (a new connection on the other gateway) and resumes from the seq he last saw.
    const bobAgain = await secondDevice(bob)
    chatters.push(bobAgain.connect(system.gateways[0]!.wsUrl, { seen: { [conversationId]: lastSeen } }))
    const missed = await bobAgain.waitForMessages(conversationId, 3)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(bobAgain.messagesIn(conversationId).map((m) => [m.seq, m.text])).toEqual([
      [2, 'while'],
      [3, 'you'],
      [4, 'were away'],
    ])
    expect(missed).toHaveLength(3)
    // His device reports them delivered, and alice's ticks turn double.
    await waitFor(() => alice.receiptOf(conversationId, bob.userId).deliveredSeq === 4, { what: 'delivered up to 4' })
  })

  it('does not push a resent message to a member who already has it', async () => {
    const { alice, bob, conversationId } = await aliceAndBobOnTwoGateways(system, chatters)
    const messages = connectMessages(system.messageAddress, { name: 'gateway', secret: system.grpcSecret })
    const notifications = connectNotifications(system.notificationAddress, { name: 'ops', secret: system.grpcSecret })
    try {
      // A client whose ack got lost sends the same clientMessageId again. The message service
      // finds the stored message; after a restart of it (crash safety) it would publish it once
      // more and delivery would see it twice. Either way bob, who has it, gets no push.
      const send = { senderId: alice.userId, conversationId, clientMessageId: `resend-${randomUUID()}`, text: 'once' }
      await messages.sendMessages({ sends: [send] })
      await waitFor(() => alice.receiptOf(conversationId, bob.userId).deliveredSeq === 1, {
        what: 'bob has it',
        timeoutMs: 10_000,
      })
      bob.close()
      await waitFor(() => alice.presence.some((p) => p.userId === bob.userId && !p.online), { what: 'bob offline' })

      const { outcomes } = await messages.sendMessages({ sends: [send] })
      expect(outcomes[0]?.outcome?.$case === 'sent' && outcomes[0].outcome.value.message?.seq).toBe(1)
      // News after it, in the same partition: its push shows delivery has handled the resend.
      await messages.sendMessages({ sends: [{ ...send, clientMessageId: `news-${randomUUID()}`, text: 'news' }] })
      const previews = async () =>
        (await notifications.listNotifications({ userId: bob.userId, limit: 10 })).pushes.map((p) => p.preview)
      await waitFor(async () => (await previews()).includes('news'), {
        what: "a push for bob's news",
        timeoutMs: 10_000,
      })
      // A batch's records are handled concurrently, so give a wrong push for 'once' time to land.
      // A much slower one would slip past this check; the unit test of shouldPush still holds.
      await sleep(1_000)
      expect(await previews()).toEqual(['news'])
    } finally {
      messages.close()
      notifications.close()
    }
  })

  it('answers missed messages over REST since a sequence number', async () => {
    const carol = await signUp(system, 'carol')
    const dave = (await signUp(system, 'dave')).connect(system.gateways[1]!.wsUrl)
    chatters.push(dave)
    const conversationId = await conversationOf(carol, [dave])
    chatters.push(carol.connect(system.gateways[0]!.wsUrl))
    await Promise.all([carol.ready(), dave.ready()])
    for (let i = 1; i <= 4; i++) await carol.client.send(conversationId, { text: `m${i}` })
    await waitFor(() => carol.receiptOf(conversationId, dave.userId).deliveredSeq === 4, { what: 'dave has all four' })

    const missed = await dave.api.missed({ [conversationId]: 2 })
    expect(missed.messages.map((m) => m.text)).toEqual(['m3', 'm4'])
    expect(missed.hasMore).toBe(false)
    // A returning sender also learns how far the others got while it was away.
    const { receipts } = await carol.api.missed({ [conversationId]: 4 })
    expect(receipts).toContainEqual(expect.objectContaining({ userId: dave.userId, deliveredSeq: 4 }))
    // The limit pages a long absence: ask again from where the answer ended.
    const firstPage = await dave.api.missed({ [conversationId]: 0 }, 3)
    expect(firstPage.messages.map((m) => m.seq)).toEqual([1, 2, 3])
    expect(firstPage.hasMore).toBe(true)
  })

  it('pages history backwards with an opaque cursor', async () => {
    const erin = await signUp(system, 'erin')
    const frank = await signUp(system, 'frank')
    const conversationId = await conversationOf(erin, [frank])
    chatters.push(erin.connect(system.gateways[0]!.wsUrl))
    await erin.ready()
    for (let i = 1; i <= 7; i++) await erin.client.send(conversationId, { text: `line ${i}` })

    const pages: number[][] = []
    let cursor: string | null | undefined
    do {
      const page = await frank.api.history(conversationId, cursor, 3)
      pages.push(page.messages.map((m) => m.seq))
      cursor = page.nextCursor
    } while (cursor)
    expect(pages).toEqual([[5, 6, 7], [2, 3, 4], [1]])

    await expect(frank.api.history(conversationId, 'not-a-cursor')).rejects.toMatchObject({ status: 400 })
    const stranger = await signUp(system, 'stranger')
    const refused = await stranger.api.history(conversationId).catch((error: ApiError) => error)
    expect(refused).toMatchObject({ status: 403, code: 'PERMISSION_DENIED' })
  })

  it('counts messages per minute and keeps an append-only audit trail of both topics', async () => {
    const gina = await signUp(system, 'gina')
    const hal = await signUp(system, 'hal')
    const conversationId = await conversationOf(gina, [hal])
    chatters.push(gina.connect(system.gateways[0]!.wsUrl), hal.connect(system.gateways[1]!.wsUrl))
    await Promise.all([gina.ready(), hal.ready()])
    const sent = []
    for (const text of ['one', 'two', 'three']) sent.push(await gina.client.send(conversationId, { text }))
    await waitFor(() => gina.receiptOf(conversationId, hal.userId).deliveredSeq === 3, { what: 'delivered receipt' })

    // Analytics runs at its own pace (it may still be counting earlier tests' messages), so the
    // test waits for these three ids, then checks the invariant: the per-minute counters add up
    // to exactly the messages counted, however far along the consumer is.
    const ids = sent.map((message) => message.messageId)
    await waitFor(
      async () =>
        (await count(system, 'SELECT count(*) AS n FROM wa_analytics.counted_messages WHERE message_id = ANY($1)', [
          ids,
        ])) === 3,
      { what: 'analytics counted three messages' },
    )
    const [totals] = await query<{ minutes: string; counted: string }>(
      system,
      `SELECT (SELECT sum(messages) FROM wa_analytics.messages_per_minute) AS minutes,
              (SELECT count(*) FROM wa_analytics.counted_messages) AS counted`,
    )
    expect(totals!.minutes).toBe(totals!.counted)
    const audited = (type: string) =>
      count(
        system,
        `SELECT count(*) AS n FROM wa_audit.audit_log WHERE event_type = $1
         AND coalesce(payload->'message'->>'conversationId', payload->'receipt'->>'conversationId') = $2`,
        [type, conversationId],
      )
    await waitFor(async () => (await audited('wired.whatsapp.v1.MessageAccepted')) === 3, {
      what: 'three messages audited',
    })
    await waitFor(async () => (await audited('wired.whatsapp.v1.ReceiptUpdated')) >= 1, { what: 'a receipt audited' })
    // The audit table refuses to forget.
    await expect(query(system, 'DELETE FROM wa_audit.audit_log')).rejects.toThrow(/append-only/)
    expect(sent.map((message) => message.seq)).toEqual([1, 2, 3])
  })
})
