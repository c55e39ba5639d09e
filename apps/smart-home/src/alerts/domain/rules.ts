import type { Notification, Reading } from '../../shared/reading'

/**
 * Threshold rules: a reading in, zero or more notifications out. Pure, so the rules can be read
 * (and tested) without Kafka. A notification's id is the reading's id plus the rule, so a
 * reading handled twice fires the same notification, which the store and the dashboard dedupe.
 */
export interface Rule {
  name: string
  fires(reading: Reading): boolean
  message(reading: Reading): string
}

export const RULES: Rule[] = [
  {
    name: 'too-hot',
    fires: (r) => r.channel === 'telemetry' && r.metric === 'temperature' && r.value > 30,
    message: (r) => `${r.device}: ${r.value.toFixed(1)} °C, above 30 °C`,
  },
  {
    name: 'too-cold',
    fires: (r) => r.channel === 'telemetry' && r.metric === 'temperature' && r.value < 10,
    message: (r) => `${r.device}: ${r.value.toFixed(1)} °C, below 10 °C (pipes may freeze)`,
  },
  {
    name: 'battery-low',
    fires: (r) => r.channel === 'telemetry' && r.metric === 'battery' && r.value < 15,
    message: (r) => `${r.device}: battery at ${Math.round(r.value)} %`,
  },
  {
    // Every alert a device raises itself (motion at night, a jammed lock, tampering) is passed on.
    name: 'device-alert',
    fires: (r) => r.channel === 'alert',
    message: (r) => `${r.device}: ${r.metric.replace(/_/g, ' ')}`,
  },
]

export function evaluate(reading: Reading, rules: Rule[] = RULES): Notification[] {
  return rules
    .filter((rule) => rule.fires(reading))
    .map((rule) => ({
      id: `${reading.id}:${rule.name}`,
      home: reading.home,
      device: reading.device,
      rule: rule.name,
      message: rule.message(reading),
      value: reading.value,
      at: reading.at,
    }))
}
