import { nowNs, sleep } from '../measure/clock'
import { notificationText } from '../payload'
import { isServerKind, serverKinds } from './index'
import type { ControlMessage, ControlReply, LabServer, PublishOptions } from './lab-server'

/**
 * Entry point of a server process: `node --import tsx src/servers/main.ts <kind> '<options json>'`.
 * The lab starts one per measurement and drives it over the IPC channel (control messages
 * only; every measured byte goes over the protocol's own socket on loopback).
 */
const [kind = '', optionsJson = '{}'] = process.argv.slice(2)
if (!isServerKind(kind)) {
  console.error(`unknown server kind '${kind}'; known: ${Object.keys(serverKinds).join(', ')}`)
  process.exit(2)
}

const start = await serverKinds[kind]()
const server = await start(JSON.parse(optionsJson))
let nextSeq = 0

function reply(message: ControlReply): void {
  process.send?.(message)
}

/**
 * Publishes `count` notifications on a fixed schedule (absolute times, so one slow send does
 * not shift the rest). Each is stamped just before it is handed to the transport; sends are not
 * awaited one by one, so a QoS 2 or acks=-1 round trip never delays the next event.
 */
async function push(target: LabServer, params: { count: number; intervalMs: number } & PublishOptions) {
  const { publish } = target
  if (!publish) throw new Error(`'${kind}' does not publish notifications`)
  const firstSeq = nextSeq
  const start = performance.now()
  const sends: Promise<void>[] = []
  for (let i = 0; i < params.count; i++) {
    const wait = start + i * params.intervalMs - performance.now()
    if (wait > 0) await sleep(wait)
    sends.push(publish.call(target, { seq: nextSeq++, sentAtNs: nowNs(), text: notificationText }, params))
  }
  await Promise.all(sends)
  return { firstSeq, lastSeq: nextSeq - 1 }
}

async function handle(message: ControlMessage): Promise<unknown> {
  if (message.command === 'push') return push(server, message.params as Parameters<typeof push>[1])
  if (message.command === 'stop') {
    await server.close()
    setImmediate(() => process.exit(0))
    return 'stopped'
  }
  const command = server.commands?.[message.command]
  if (!command) throw new Error(`'${kind}' has no command '${message.command}'`)
  return command(message.params)
}

process.on('message', (message: ControlMessage) => {
  handle(message).then(
    (result) => reply({ type: 'reply', id: message.id, result }),
    (error: unknown) => reply({ type: 'reply', id: message.id, error: String(error) }),
  )
})
// If the lab dies, do not linger.
process.on('disconnect', () => process.exit(0))
reply({ type: 'ready', port: server.port })
