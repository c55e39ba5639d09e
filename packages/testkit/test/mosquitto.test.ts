import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import mqtt from 'mqtt'
import { describe, expect, it } from 'vitest'
import { startPrivateMosquitto, waitFor } from '../src/index'

/** A config on the given port; `extra` is asked again on every write, so a reload can change it. */
const anonymousConfig =
  (extra: () => string[] = () => ['allow_anonymous true']) =>
  ({ port, dir }: { port: number; dir: string }) => {
    const file = join(dir, 'mosquitto.conf')
    writeFileSync(file, [`listener ${port} 127.0.0.1`, ...extra(), ''].join('\n'))
    return file
  }

const connects = (url: string, username?: string) =>
  mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 2_000, username, password: 'secret' }).then(
    (client) => client.endAsync().then(() => true),
    () => false,
  )

describe('startPrivateMosquitto', () => {
  it('starts a broker that carries messages, re-reads its config on reload, and cleans up on stop', async () => {
    const accounts = ['first']
    const broker = await startPrivateMosquitto(({ port, dir }) => {
      const passwords = join(dir, 'passwd')
      for (const [i, name] of accounts.entries()) {
        const create = i === 0 ? ['-c'] : [] // -c starts the file afresh
        execFileSync('mosquitto_passwd', [...create, '-b', passwords, name, 'secret'])
      }
      const file = join(dir, 'mosquitto.conf')
      // As root, Mosquitto would switch to its own user, which cannot re-read a root-owned file.
      const asRoot = process.getuid?.() === 0 ? ['user root'] : []
      writeFileSync(
        file,
        [`listener ${port} 127.0.0.1`, 'allow_anonymous false', `password_file ${passwords}`, ...asRoot, ''].join('\n'),
      )
      return file
    })
    const client = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0, username: 'first', password: 'secret' })
    const received = new Promise<string>((resolve) =>
      client.on('message', (_topic, payload) => resolve(String(payload))),
    )
    await client.subscribeAsync('t')
    await client.publishAsync('t', 'hello')
    expect(await received).toBe('hello')
    await client.endAsync()
    expect(await connects(broker.url, 'second')).toBe(false)

    // A second account in the rewritten password file: it gets in once Mosquitto re-read it.
    accounts.push('second')
    broker.reload()
    await waitFor(() => connects(broker.url, 'second'), { what: 'the new account accepted after reload' })

    await broker.stop()
    expect(existsSync(broker.dir)).toBe(false)
    expect(await connects(broker.url, 'first')).toBe(false)
  })

  it('fails with what Mosquitto said when the config is bad, and leaves nothing running', async () => {
    await expect(startPrivateMosquitto(anonymousConfig(() => ['no_such_option 1']))).rejects.toThrow(
      /exited with .*no_such_option/i,
    )
  })
})
