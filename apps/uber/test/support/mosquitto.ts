import { startPrivateMosquitto, waitFor } from '@wired/testkit'
import mqtt from 'mqtt'
import { type MosquittoAccount, writeMosquittoConfig } from '../../src/broker/mosquitto-config'

/**
 * Debian's Mosquitto on a free port with the scenario's password file and ACL. Drivers created
 * during a test are added with `addAccount`: the password file is rewritten and SIGHUP makes
 * Mosquitto reload it without dropping anyone.
 */
export async function startMosquitto(backend: MosquittoAccount) {
  const drivers: MosquittoAccount[] = []
  // Started as root (as CI does), Mosquitto drops to its `mosquitto` user before reading the
  // password file: writeMosquittoConfig hands the files over, as a reader running it by hand needs.
  const broker = await startPrivateMosquitto(({ port, dir }) => writeMosquittoConfig({ dir, port, backend, drivers }))
  await waitFor(() => canConnect(broker.url, backend), { timeoutMs: 10_000, what: `mosquitto on ${broker.url}` })

  return {
    url: broker.url,
    async addAccount(account: MosquittoAccount): Promise<void> {
      drivers.push(account)
      broker.reload()
      await waitFor(() => canConnect(broker.url, account), {
        timeoutMs: 5_000,
        what: `mosquitto to accept ${account.username}`,
      })
    },
    stop: broker.stop,
  }
}

async function canConnect(url: string, account: MosquittoAccount): Promise<boolean> {
  try {
    const client = await mqtt.connectAsync(url, {
      username: account.username,
      password: account.password,
      reconnectPeriod: 0,
      connectTimeout: 1_000,
    })
    await client.endAsync()
    return true
  } catch {
    return false
  }
}
