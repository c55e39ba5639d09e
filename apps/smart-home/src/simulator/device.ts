import { publishTraced, tracedMessageListener } from '@wired/mqtt'
import { Hops } from '@wired/wire'
import mqtt, { type MqttClient } from 'mqtt'
import type { DeviceIdentity } from '../shared/devices'
import { topicOf } from '../shared/home-topics'
import { applyCommand, type DeviceState, initialState, measure, reported } from './domain/behaviour'

export interface SimDeviceOptions {
  url: string
  password: string
  /** Seconds; the broker declares the device dead 1.5 × this after its last packet. */
  keepalive: number
  random?: () => number
}

/**
 * One simulated device, speaking MQTT as a real one would:
 * - CONNECT with clean=false and client id = its id: the broker keeps its session (and the
 *   commands queued for it) while it sleeps;
 * - a last will, retained, on its state topic: if it vanishes without a DISCONNECT, the broker
 *   tells everyone it is offline;
 * - its state published retained at QoS 1 on every (re)connect and change;
 * - readings at QoS 0, alerts at QoS 1; commands subscribed at QoS 2.
 */
export class SimDevice {
  readonly state: DeviceState
  client: MqttClient | undefined
  asleep = false
  sent = 0
  commandsApplied = 0
  private seq = 0
  private readonly hops = new Hops()
  private readonly random: () => number

  constructor(
    readonly identity: DeviceIdentity,
    private readonly options: SimDeviceOptions,
  ) {
    this.random = options.random ?? Math.random
    this.state = initialState(this.random)
  }

  get online(): boolean {
    return !this.asleep && this.client?.connected === true
  }

  connect(): Promise<void> {
    const { identity, options } = this
    const client = mqtt.connect(options.url, {
      clientId: identity.id,
      username: identity.id,
      password: options.password,
      clean: false,
      keepalive: options.keepalive,
      reconnectPeriod: 2_000,
      connectTimeout: 10_000,
      will: {
        topic: topicOf(identity, 'state'),
        payload: Buffer.from(JSON.stringify({ status: 'offline', at: Date.now() })),
        qos: 1,
        retain: true,
      },
    })
    this.client = client
    // Attached before CONNACK: commands queued while asleep arrive right after it.
    client.on(
      'message',
      tracedMessageListener((_topic, payload) => this.onCommand(payload), this.hops),
    )
    client.on('connect', (connack) => {
      // With a session present the broker still holds the subscription; on a first connect, ask.
      if (!connack.sessionPresent) client.subscribe(topicOf(identity, 'command'), { qos: 2 })
      void this.publishState('online')
    })
    client.on('error', () => {}) // mqtt.js retries; a refused login shows as repeated closes
    return new Promise((resolve, reject) => {
      client.once('connect', () => resolve())
      client.once('error', reject)
    })
  }

  /** Battery saving: say so (retained), then DISCONNECT cleanly, so no last will fires. */
  async sleep(): Promise<void> {
    if (!this.client || this.asleep) return
    this.asleep = true
    await this.publishState('asleep').catch(() => {})
    await this.client.endAsync()
  }

  async wake(): Promise<void> {
    if (!this.asleep) return
    this.asleep = false
    await this.connect()
  }

  /** A reading at QoS 0 (routine), or 1 when the caller needs it delivered. */
  async publishReading(qos: 0 | 1 = 0): Promise<void> {
    const client = this.client
    if (!client || !this.online) return
    const { metric, value } = measure(this.identity.kind, this.state, this.random)
    this.sent += 1
    await publishTraced(
      client,
      topicOf(this.identity, 'telemetry'),
      { id: this.nextId(), at: Date.now(), metric, value },
      { qos },
      this.hops,
    )
    if (this.identity.kind === 'motion' && value === 1 && this.random() < 0.2) await this.publishAlert('motion')
  }

  async publishAlert(type: string): Promise<void> {
    if (!this.client || !this.online) return
    await publishTraced(
      this.client,
      topicOf(this.identity, 'alert'),
      { id: this.nextId(), at: Date.now(), type },
      { qos: 1 },
      this.hops,
    )
  }

  async stop(): Promise<void> {
    await this.client?.endAsync(true)
  }

  private publishState(status: string): Promise<void> {
    const client = this.client!
    const body = { status, at: Date.now(), ...reported(this.identity.kind, this.state) }
    return publishTraced(client, topicOf(this.identity, 'state'), body, { qos: 1, retain: true }, this.hops)
  }

  private onCommand(payload: Buffer): void {
    let command: { id?: unknown; action?: unknown; value?: unknown }
    try {
      command = JSON.parse(payload.toString('utf8'))
    } catch {
      return
    }
    if (applyCommand(this.identity.kind, this.state, command) === null) return
    this.commandsApplied += 1
    // Still inside the command's trace: the new state continues it to the dashboard.
    const body = {
      status: 'online',
      at: Date.now(),
      lastCommand: command.id,
      ...reported(this.identity.kind, this.state),
    }
    void publishTraced(this.client!, topicOf(this.identity, 'state'), body, { qos: 1, retain: true }, this.hops).catch(
      () => {},
    )
  }

  private nextId(): string {
    this.seq += 1
    return `${this.identity.id}-${Date.now().toString(36)}${this.seq}`
  }
}
