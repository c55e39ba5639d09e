import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import mqtt from 'mqtt'
import { describe, expect, it } from 'vitest'
import { startPrivateMosquitto, waitFor } from '../src/index'

const anonymousConfig =
  (extra: string[] = []) =>
  ({ port, dir }: { port: number; dir: string }) => {
    const file = join(dir, 'mosquitto.conf')
    writeFileSync(file, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', ...extra, ''].join('\n'))
    return file
  }

describe('startPrivateMosquitto', () => {
  it('starts a broker that carries messages, re-reads its config on reload, and cleans up on stop', async () => {
    let writes = 0
    const broker = await startPrivateMosquitto((where) => {
      writes++
      return anonymousConfig()(where)
    })
    const client = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 })
    const received = new Promise<string>((resolve) =>
      client.on('message', (_topic, payload) => resolve(String(payload))),
    )
    await client.subscribeAsync('t')
    await client.publishAsync('t', 'hello')
    expect(await received).toBe('hello')
    broker.reload()
    expect(writes).toBe(2)
    await client.endAsync()
    await broker.stop()
    expect(existsSync(broker.dir)).toBe(false)
    await waitFor(
      async () =>
        !(await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 }).then(
          () => true,
          () => false,
        )),
    )
  })

  it('fails with what Mosquitto said when the config is bad, and leaves nothing running', async () => {
    await expect(startPrivateMosquitto(anonymousConfig(['no_such_option 1']))).rejects.toThrow(
      /exited with .*no_such_option/i,
    )
  })
})
