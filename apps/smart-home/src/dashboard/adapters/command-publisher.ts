import type { MqttClient, Packet } from 'mqtt'
import type { QoS } from '../../shared/home-topics'

export interface HandshakeStep {
  packet: 'PUBLISH' | 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP'
  /** ms since the PUBLISH left */
  atMs: number
}

/**
 * Publishes a command and records the packets of its delivery to the broker, so the page can
 * show what each QoS costs: QoS 1 is PUBLISH → PUBACK; QoS 2 is PUBLISH → PUBREC → PUBREL →
 * PUBCOMP, the two round trips that let broker and sender agree the message is stored exactly
 * once. (Between broker and device the same handshake runs again, when the device is there.)
 */
export function commandPublisher(client: MqttClient) {
  return async (topic: string, payload: string, qos: QoS): Promise<HandshakeStep[]> => {
    const steps: HandshakeStep[] = []
    let messageId: number | undefined
    let start = 0
    const onSend = (packet: Packet) => {
      // Inside a trace the payload leads with `"trace":"..."` (tracePublishes): match on the rest.
      const ours =
        packet.cmd === 'publish' && packet.topic === topic && String(packet.payload).endsWith(payload.slice(1))
      if (ours && messageId === undefined) {
        messageId = packet.messageId
        start = performance.now()
        steps.push({ packet: 'PUBLISH', atMs: 0 })
      } else if (packet.cmd === 'pubrel' && packet.messageId === messageId)
        steps.push({ packet: 'PUBREL', atMs: since() })
    }
    const onReceive = (packet: Packet) => {
      if (
        (packet.cmd === 'puback' || packet.cmd === 'pubrec' || packet.cmd === 'pubcomp') &&
        packet.messageId === messageId
      )
        steps.push({ packet: packet.cmd.toUpperCase() as HandshakeStep['packet'], atMs: since() })
    }
    const since = () => Math.round((performance.now() - start) * 10) / 10
    client.on('packetsend', onSend)
    client.on('packetreceive', onReceive)
    try {
      await client.publishAsync(topic, payload, { qos })
    } finally {
      client.off('packetsend', onSend)
      client.off('packetreceive', onReceive)
    }
    return steps
  }
}
