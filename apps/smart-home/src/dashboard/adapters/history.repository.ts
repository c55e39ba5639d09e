import type pg from 'pg'

/** Readings of one device, newest first: one range scan of the (device_id, at DESC) index. */
export async function readingsOf(pool: pg.Pool, deviceId: string, options: { limit: number; before?: Date }) {
  const { rows } = await pool.query(
    `SELECT id, metric, value, qos, channel, at FROM readings
      WHERE device_id = $1 AND at < $2
      ORDER BY at DESC LIMIT $3`,
    [deviceId, options.before ?? new Date('9999-01-01'), options.limit],
  )
  return rows.map((row) => ({ ...row, at: (row.at as Date).getTime() }))
}

export async function notificationsOf(pool: pg.Pool, home: string, limit: number) {
  const { rows } = await pool.query(
    `SELECT id, device_id AS device, rule, message, value, at FROM notifications
      WHERE home = $1 ORDER BY at DESC LIMIT $2`,
    [home, limit],
  )
  return rows.map((row) => ({ ...row, at: (row.at as Date).getTime() }))
}
