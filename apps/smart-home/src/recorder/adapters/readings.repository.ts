import type pg from 'pg'
import type { Reading } from '../../shared/reading'

/**
 * One multi-row INSERT per fetched Kafka batch (up to 500 readings): one round trip and one
 * commit instead of 500. ON CONFLICT DO NOTHING makes a redelivered reading a no-op, which is
 * what lets every hop before it be at-least-once.
 */
export async function insertReadings(pool: pg.Pool, readings: Reading[]): Promise<void> {
  if (readings.length === 0) return
  const values: unknown[] = []
  const rows = readings.map((r, i) => {
    values.push(r.id, r.device, r.home, r.channel, r.metric, r.value, r.qos, new Date(r.at))
    const p = i * 8
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8})`
  })
  await pool.query(
    `INSERT INTO readings (id, device_id, home, channel, metric, value, qos, at) VALUES ${rows.join(', ')}
     ON CONFLICT (id) DO NOTHING`,
    values,
  )
}
