import { describe, expect, it } from 'vitest'
import { type Diagram, formatBytes, formatMs, layoutTrace, readPayload } from '../web/layout.js'
import { CUT_PAYLOAD, chatMessageTrace, failedCallTrace, MESSAGE_ADDRESS } from './fixtures/traces'

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
const lanesOf = (diagram: Diagram) => diagram.lanes.map((lane) => lane.name)
const row = (diagram: Diagram, from: string, to: string) =>
  diagram.hops
    .map((hop) => ({ ...hop, from: lanesOf(diagram)[hop.from], to: lanesOf(diagram)[hop.to] }))
    .filter((hop) => hop.from === from && hop.to === to)

describe('layoutTrace: spans → lanes and rows', () => {
  const chat = chatMessageTrace(TRACE, '00f067aa0ba902b7')
  const diagram = layoutTrace(chat.arrived)

  it('puts the browser left, services in order of appearance, then the infrastructure', () => {
    expect(lanesOf(diagram)).toEqual([
      'Browser',
      'gateway-a',
      'message',
      'delivery',
      'gateway-b',
      'Kafka',
      'Redis',
      'PostgreSQL',
    ])
  })

  it('draws one row per hop in time order, whatever order the collector holds them in', () => {
    expect(diagram.hops.map((hop) => `${hop.protocol} ${hop.name}`)).toEqual([
      'ws send',
      'grpc MessageService/SendMessages',
      'sql INSERT messages',
      'kafka whatsapp.messages',
      'kafka whatsapp.messages',
      'redis PUBLISH inbox:bob',
      'redis message inbox:bob',
      'ws message',
    ])
    expect(diagram.hops.map((hop) => hop.at)).toEqual([0, 0.3, 1.2, 3.2, 7.4, 8, 8.9, 9.1])
    expect(layoutTrace([...chat.arrived].reverse())).toEqual(diagram)
  })

  it('draws a gRPC call as one arrow from caller to callee, labelled from the caller', () => {
    const [call, ...others] = row(diagram, 'gateway-a', 'message')
    expect(others).toEqual([])
    expect(call).toMatchObject({
      key: chat.ids.call.id,
      shape: 'call',
      facts: ['status OK', 'deadline 2000 ms'],
      bytes: 64,
      duration: 6.2,
      error: undefined,
    })
    expect(call?.spans).toEqual([chat.ids.call, chat.ids.served])
  })

  it('shows where a Kafka record sits and who read it, and Redis pub/sub between gateways', () => {
    expect(row(diagram, 'message', 'Kafka')[0]?.facts).toEqual(['key c-7'])
    expect(row(diagram, 'Kafka', 'delivery')[0]?.facts).toEqual([
      'partition 1',
      'offset 42',
      'key c-7',
      'group whatsapp-delivery',
    ])
    expect(row(diagram, 'delivery', 'Redis')[0]?.facts).toEqual(['1 receiver'])
    expect(row(diagram, 'Redis', 'gateway-b')).toHaveLength(1)
    expect(row(diagram, 'gateway-b', 'Browser')[0]).toMatchObject({ name: 'message', facts: ['to bob#1'] })
    // A statement is shortened on the row (the details box has all of it).
    expect(row(diagram, 'message', 'PostgreSQL')[0]).toMatchObject({
      shape: 'call',
      facts: ['INSERT INTO messages (id, conversation_id, sender_id, text) VALUES ($1, $2, $3,…'],
    })
  })

  it('places a call at the caller’s time, even when a hop started before its server span did', () => {
    const { frame, call, served } = chat.ids
    const lookup = {
      ...chat.ids.insert,
      id: 'cccccccccccccccc',
      parentId: frame.id,
      timestamp: call.timestamp + 100,
      localEndpoint: { serviceName: 'gateway-a' },
      tags: { 'wire.protocol': 'redis', 'wire.name': 'GET', 'wire.peer': 'redis' },
    }
    const diagram = layoutTrace([served, lookup, call, frame])
    expect(diagram.hops.map((hop) => hop.name)).toEqual(['send', 'MessageService/SendMessages', 'GET'])
  })

  it('keeps a row’s key while the rest of its trace arrives', () => {
    const early = layoutTrace(chat.firstBatch)
    expect(early.hops.map((hop) => hop.key)).toEqual(diagram.hops.slice(0, 4).map((hop) => hop.key))
    // The client span alone (its server's span not there yet) is drawn to the address it called.
    const callOnly = layoutTrace([chat.ids.frame, chat.ids.call])
    expect(lanesOf(callOnly)).toEqual(['Browser', 'gateway-a', MESSAGE_ADDRESS])
    expect(callOnly.hops[1]?.key).toBe(chat.ids.call.id)
  })

  it('marks a failed call and draws it to the peer that never answered', () => {
    const failed = layoutTrace(failedCallTrace(TRACE).arrived)
    expect(lanesOf(failed)).toEqual(['Browser', 'gateway-a', MESSAGE_ADDRESS])
    const [call] = row(failed, 'gateway-a', MESSAGE_ADDRESS)
    expect(call?.facts).toEqual(['status UNAVAILABLE (14)', 'deadline 2000 ms'])
    expect(call?.error).toMatch(/^14 UNAVAILABLE: No connection established/)
    expect(failed.hops.filter((hop) => hop.error !== undefined)).toHaveLength(1)
  })

  it('copes with an empty answer, spans without hop tags and a span sent twice', () => {
    expect(layoutTrace([])).toEqual({ lanes: [{ name: 'Browser', kind: 'browser' }], hops: [] })
    const internal = { traceId: TRACE, id: '1111111111111111', name: 'work', timestamp: 1, duration: 1 }
    const twice = layoutTrace([internal, chat.ids.frame, chat.ids.frame])
    expect(twice.hops).toHaveLength(1)
    expect(twice.hops[0]).toMatchObject({ from: 0, to: 1, shape: 'message' })
  })
})

describe('what a row says', () => {
  it('writes times with one decimal under 10 ms, sizes in bytes', () => {
    expect([0, 0.04, 3.25, 9.94, 12.4, 1234, 12_345].map(formatMs)).toEqual([
      '0.0 ms',
      '<0.1 ms',
      '3.3 ms',
      '9.9 ms',
      '12 ms',
      '1234 ms',
      '12.3 s',
    ])
    expect([0, 999, 2114].map(formatBytes)).toEqual(['0 B', '999 B', '2.1 kB'])
  })

  it('pretty-prints a JSON payload and keeps a cut one as text', () => {
    expect(readPayload('{"type":"send","text":"hi"}')).toEqual({
      text: '{\n  "type": "send",\n  "text": "hi"\n}',
      json: true,
      cut: false,
    })
    expect(readPayload(CUT_PAYLOAD)).toEqual({ text: CUT_PAYLOAD, json: false, cut: true })
    expect(readPayload('PING')).toEqual({ text: 'PING', json: false, cut: false })
  })
})
