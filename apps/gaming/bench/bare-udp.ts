import { createSocket } from 'node:dgram'
import { percentiles } from '@wired/testkit'

/**
 * The bare-transport baseline: a dgram echo server and a client in this process, one datagram of
 * a snapshot's size each way at 60/s. What UDP on loopback costs before any game logic: the
 * floor under the input → snapshot round trip.
 */
export async function bareUdpRoundTrip(samples: number, bytes: number) {
  const server = createSocket('udp4')
  server.on('message', (message, from) => server.send(message, from.port, from.address))
  await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve))
  const client = createSocket('udp4')
  await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', resolve))
  const port = server.address().port
  const sentAt = new Map<number, number>()
  const roundTrips: number[] = []
  client.on('message', (message) => {
    const sent = sentAt.get(message.readUInt32BE(0))
    if (sent !== undefined) roundTrips.push(performance.now() - sent)
  })
  for (let i = 0; i < samples; i++) {
    const payload = Buffer.alloc(bytes)
    payload.writeUInt32BE(i, 0)
    sentAt.set(i, performance.now())
    client.send(payload, port, '127.0.0.1')
    await new Promise((resolve) => setTimeout(resolve, 1000 / 60))
  }
  await new Promise((resolve) => setTimeout(resolve, 100))
  client.close()
  server.close()
  return percentiles(roundTrips)
}
