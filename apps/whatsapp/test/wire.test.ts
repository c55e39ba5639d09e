import { hopIs, hopsInOrder, newTraceparent, runModes, waitForTrace } from '@wired/testkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aliceAndBobOnTwoGateways, type Chatter } from './support/chatter'
import { bootSystem, type RunningSystem } from './support/system'

const is = hopIs

describe.each(runModes())('the wire view (%s)', (mode) => {
  let system: RunningSystem
  const chatters: Chatter[] = []

  beforeAll(async () => {
    system = await bootSystem(mode)
  })
  afterAll(async () => {
    for (const chatter of chatters) chatter.close()
    await system?.stop()
  })

  it('shows a sent message crossing WS → gRPC → Kafka → Redis → WS, with its real topic, partition and offset', async () => {
    const { alice, bob, conversationId } = await aliceAndBobOnTwoGateways(system, chatters)
    const { traceId, traceparent } = newTraceparent()
    const sent = await alice.client.send(conversationId, { text: 'watch me cross the wire' }, undefined, traceparent)
    await bob.waitForMessages(conversationId, 1)

    const path = [
      is('ws', 'SERVER', 'send', /gateway/),
      is('grpc', 'CLIENT', 'MessageService/SendMessages', /gateway/),
      is('grpc', 'SERVER', 'MessageService/SendMessages', /message/),
      is('sql', 'CLIENT', /^INSERT /, /message/),
      is('kafka', 'PRODUCER', /messages/, /message/),
      is('kafka', 'CONSUMER', /messages/, /delivery/),
      is('redis', 'PRODUCER', /^PUBLISH /, /delivery/),
      is('redis', 'CONSUMER', /^message /, /gateway/),
      is('ws', 'PRODUCER', 'message', /gateway/),
    ]
    const hops = await waitForTrace(system.wireUrl, traceId, (seen) => hopsInOrder(seen, path))

    // The frame the page sent, as the panel shows it: its text, and no secret.
    const frame = hops.find(path[0]!)!
    expect(JSON.parse(frame.tags['wire.payload']!)).toMatchObject({ type: 'send', text: 'watch me cross the wire' })
    // The gRPC hop carries the deadline the gateway set and the status the server answered.
    const call = hops.find(path[1]!)!
    expect(Number(call.tags['wire.grpc.deadline_ms'])).toBeGreaterThan(0)
    expect(call.tags['rpc.grpc.status_code']).toBe('0')
    // The Kafka hop is the record itself: where it sits in the log, under which key, decoded.
    const consumed = hops.find(path[5]!)!
    expect(consumed.tags['messaging.kafka.destination.partition']).toMatch(/^\d+$/)
    expect(consumed.tags['messaging.kafka.offset']).toMatch(/^\d+$/)
    expect(consumed.tags['messaging.kafka.message.key']).toBe(conversationId)
    expect(consumed.tags['wire.payload']).toContain(sent.messageId)
    // Bob's socket got the frame inside the same trace, and the frame says so.
    expect(hops.some(is('ws', 'PRODUCER', 'message', /gateway/))).toBe(true)
  })

  it('handles a frame whose trace field is malformed as an untraced one', async () => {
    const { alice, conversationId } = await aliceAndBobOnTwoGateways(system, chatters)
    const sent = await alice.client.send(conversationId, { text: 'still delivered' }, undefined, '00-not-a-trace')
    expect(sent.text).toBe('still delivered')
  })
})
