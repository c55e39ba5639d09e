import { parseTopic } from '../../shared/home-topics'
import type { ReadingSink } from '../adapters/kafka-readings'
import { checkReading } from '../domain/reading'

export interface Refusal {
  topic: string
  id?: string
  reason: string
}

export interface BridgeStats {
  forwarded: number
  refused: number
}

/**
 * One device message, as a story: check it → forward it to Kafka → tell MQTT it is done.
 * A QoS 1 reading resolves only once Kafka has it, and only then does the bridge send PUBACK:
 * if the bridge dies first, the broker still holds the reading for this session and sends it
 * again when the bridge reconnects (at least once; the id makes the copy harmless downstream).
 * A QoS 0 reading is queued and done at once: at most once, as its publisher chose.
 */
export function bridgeMessage(
  sink: ReadingSink,
  refuse: (refusal: Refusal) => void,
  stats: BridgeStats,
  now: () => number = Date.now,
) {
  return async (topic: string, payload: Buffer, qos: number): Promise<void> => {
    const parsed = parseTopic(topic)
    if (!parsed) {
      stats.refused++
      return refuse({ topic, reason: 'not a home/<home>/<room>/<device>/<channel> topic' })
    }
    const checked = checkReading(parsed, payload, qos, now())
    if (!checked.ok) {
      stats.refused++
      return refuse({ topic, id: checked.id, reason: checked.reason })
    }
    stats.forwarded++
    if (qos === 0) sink.add(checked.reading)
    else await sink.addAndFlush(checked.reading)
  }
}
