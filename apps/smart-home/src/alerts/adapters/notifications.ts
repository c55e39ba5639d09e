import { type EventLog, encodeEvent } from '@wired/events'
import type pg from 'pg'
import { NOTIFICATION, type Notification } from '../../shared/reading'

/** Stores notifications; a notification already stored (same reading, same rule) is skipped. */
export async function insertNotifications(pool: pg.Pool, notifications: Notification[]): Promise<void> {
  if (notifications.length === 0) return
  const values: unknown[] = []
  const rows = notifications.map((n, i) => {
    values.push(n.id, n.home, n.device, n.rule, n.message, n.value, new Date(n.at))
    const p = i * 7
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7})`
  })
  await pool.query(
    `INSERT INTO notifications (id, home, device_id, rule, message, value, at) VALUES ${rows.join(', ')}
     ON CONFLICT (id) DO NOTHING`,
    values,
  )
}

/** Kafka `smarthome.notifications`, key = home: every dashboard replica reads them all. */
export function publishNotifications(events: EventLog, topic: string, notifications: Notification[]): Promise<void> {
  if (notifications.length === 0) return Promise.resolve()
  return events.publish(
    topic,
    notifications.map((n) => ({ key: n.home, ...encodeEvent(NOTIFICATION, n) })),
  )
}
