import { tracedMessageListener } from '@wired/mqtt'
import { activeTraceparent } from '@wired/wire'
import type { MqttClient } from 'mqtt'
import { parseTopic, SUBSCRIPTIONS } from '../../shared/home-topics'
import type { DeviceRegistry } from '../adapters/device-registry'
import type { FeedEvent, LiveFeed } from '../domain/live-feed'

/**
 * The dashboard's view of the whole tree: one wildcard subscription, `home/#`. On subscribing,
 * the broker sends every retained state (each device's last word, or its last will), so a
 * dashboard that just started knows every device at once; then every reading, alert and state
 * change as it happens, pushed to the pages watching that home.
 */
export function watchHomes(
  client: MqttClient,
  registry: DeviceRegistry,
  feed: LiveFeed,
  push: (home: string, entry: FeedEvent) => void,
) {
  const onMessage = (topic: string, payload: Buffer, packet: { retain?: boolean }) => {
    const where = parseTopic(topic)
    if (!where) return
    if (where.channel === 'command' || where.channel === 'error') return
    let body: Record<string, unknown>
    try {
      body = JSON.parse(payload.toString('utf8'))
    } catch {
      return // the bridge refuses it with a reason on the device's error topic; nothing to show
    }
    if (typeof body !== 'object' || body === null) return
    // A trace the device started (sampled) continues to the page, which can follow it.
    const trace = activeTraceparent()
    if (where.channel === 'state') {
      const view = registry.updateState(where.device, body)
      if (view) push(where.home, feed.push(where.home, 'state', { ...view, trace }))
    } else if (!packet.retain) {
      // A retained reading is an old one: the live feed shows only what happens now.
      // Shown as sent; whether it is a valid reading is the bridge's call (it may refuse it).
      const { id, metric, type, value, at } = body
      const name = typeof metric === 'string' ? metric : type
      if (typeof name !== 'string') return
      const reading = {
        id,
        device: where.device,
        metric: name,
        value: typeof value === 'number' ? value : 1,
        at: typeof at === 'number' ? at : Date.now(),
        trace,
      }
      if (where.channel === 'telemetry') registry.recordReading(where.device, reading)
      push(where.home, feed.push(where.home, where.channel === 'alert' ? 'alert' : 'reading', reading))
    }
  }
  client.on('message', tracedMessageListener(onMessage))
}

export async function subscribeToHomes(client: MqttClient): Promise<void> {
  await client.subscribeAsync(SUBSCRIPTIONS.everything, { qos: 1 })
}
