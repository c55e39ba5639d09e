import { fork } from 'node:child_process'
import { once } from 'node:events'
import { performance } from 'node:perf_hooks'
import { createRedis } from '@wired/redis'
import { resolveInfra } from '@wired/testkit'
import { WebSocket } from 'ws'
import { CHAT_PROTOCOL } from '../src/shared/frames'
import { inboxChannel } from '../src/shared/redis-keys'
import { conversationOf, signUp } from '../test/support/chatter'
import type { RunningSystem } from '../test/support/system'
import { cpuMeter, round } from './stats'

export interface PathResult {
  framesPerSecond: number
  /** Server CPU per frame (the echo process, or the gateway process): the fair comparison when
   *  the load generator shares the machine's two cores with the server. */
  serverMicrosPerFrame: number
  /** Relative to the bare ws echo server, by rate and by server CPU per frame. */
  rateVsEcho: number
  cpuVsEcho: number
}

/**
 * echo: a bare `ws` server echoing each frame, the ceiling for one Node process here.
 * push: Redis inbox channel → gateway → socket, the leg every delivered message and receipt takes.
 * relay: socket → gateway (parse, validate, membership) → Redis PUBLISH → gateway → socket (typing).
 */
export type RelayResult = Record<'echo' | 'push' | 'relay', PathResult>

interface Lane {
  send(): void
  onArrival(listener: () => void): void
  close(): void
}

/** A realistic delivered-message frame (about 300 bytes of JSON), the same payload on every path. */
const FRAME = JSON.stringify({
  type: 'message',
  message: {
    messageId: '6f1c7d52-9a3e-4e1b-8d2a-0c5f4b3a2e19',
    conversationId: '0b8f9a3e-3a55-4d0a-9a57-1b1f1c1f1a02',
    seq: 1234,
    senderId: '5d0e2c41-7b6a-4f38-9e12-3c4b5a6d7e8f',
    clientMessageId: 'c0a8f3e2-1b4d-4c6e-8f9a-2b3c4d5e6f70',
    text: 'See you at the station at 6?',
    sentAtMs: 1_790_000_000_000,
  },
})

/**
 * The gateway's message paths against a bare `ws` echo server, same machine, same run, the
 * same number of sockets and frames in flight. Each gateway path runs through real Redis.
 */
export async function measureRelay(
  system: RunningSystem,
  options: { connections: number; window: number; seconds: number },
): Promise<RelayResult> {
  const echo = fork(new URL('./echo-server.ts', import.meta.url), { execArgv: ['--import', 'tsx'] })
  const [{ port }] = (await once(echo, 'message')) as [{ port: number }]
  const { redisUrl } = await resolveInfra(['redis'])
  const publisher = createRedis(redisUrl, { enableAutoPipelining: true })
  try {
    const echoRate = await pump(options, echo.pid!, async () => {
      const socket = await openSocket(`ws://127.0.0.1:${port}`, [])
      return lane(
        () => socket.send(FRAME),
        socket,
        () => socket.close(),
      )
    })
    const gatewayPid = system.processes!.pidOf('gateway-a')!
    const pushRate = await pump(options, gatewayPid, async () => {
      const user = await signUp(system, 'push')
      const socket = await openSocket(system.gateways[0]!.wsUrl, [CHAT_PROTOCOL, `bearer.${user.token}`])
      return lane(
        () => void publisher.publish(inboxChannel(user.userId), FRAME),
        socket,
        () => socket.close(),
      )
    })
    const relayRate = await pump(options, gatewayPid, async () => {
      const [from, to] = await Promise.all([signUp(system, 'ra'), signUp(system, 'rb')])
      const typing = JSON.stringify({ type: 'typing', conversationId: await conversationOf(from, [to]) })
      const sender = await openSocket(system.gateways[0]!.wsUrl, [CHAT_PROTOCOL, `bearer.${from.token}`])
      const receiver = await openSocket(system.gateways[0]!.wsUrl, [CHAT_PROTOCOL, `bearer.${to.token}`])
      return lane(
        () => sender.send(typing),
        receiver,
        () => {
          sender.close()
          receiver.close()
        },
      )
    })
    const versusEcho = (path: { framesPerSecond: number; serverMicrosPerFrame: number }): PathResult => ({
      ...path,
      rateVsEcho: round(path.framesPerSecond / echoRate.framesPerSecond, 2),
      cpuVsEcho: round(echoRate.serverMicrosPerFrame / path.serverMicrosPerFrame, 2),
    })
    return { echo: versusEcho(echoRate), push: versusEcho(pushRate), relay: versusEcho(relayRate) }
  } finally {
    echo.kill()
    publisher.disconnect()
  }
}

/** Counts frames of the measured kind arriving on `receiver` (not ready or presence frames). */
function lane(send: () => void, receiver: WebSocket, close: () => void): Lane {
  return {
    send,
    onArrival: (listener) =>
      receiver.on('message', (data) => {
        const text = data.toString()
        if (text.startsWith('{"type":"message"') || text.startsWith('{"type":"typing"')) listener()
      }),
    close,
  }
}

/** Keeps `window` frames in flight on each lane for `seconds`; measures arrivals and the server's CPU. */
async function pump(
  options: { connections: number; window: number; seconds: number },
  serverPid: number,
  openLane: () => Promise<Lane>,
) {
  const lanes: Lane[] = []
  for (let i = 0; i < options.connections; i++) lanes.push(await openLane())
  let arrivals = 0
  let running = true
  for (const each of lanes)
    each.onArrival(() => {
      arrivals++
      if (running) each.send()
    })
  const stopMeter = cpuMeter({ server: [serverPid] })
  const begin = performance.now()
  for (const each of lanes) for (let i = 0; i < options.window; i++) each.send()
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000))
  const rate = arrivals / ((performance.now() - begin) / 1000)
  const { server } = stopMeter()
  running = false
  for (const each of lanes) each.close()
  return { framesPerSecond: round(rate, 0), serverMicrosPerFrame: round((server! * 1e6) / arrivals, 1) }
}

async function openSocket(url: string, protocols: string[]): Promise<WebSocket> {
  const socket = new WebSocket(url, protocols, { perMessageDeflate: false })
  // Listen before awaiting 'open': the gateway's ready frame may follow it within the same tick.
  const ready = protocols.length > 0 ? once(socket, 'message') : Promise.resolve()
  await once(socket, 'open')
  await ready
  return socket
}
