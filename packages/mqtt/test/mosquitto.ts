import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startPrivateMosquitto } from '@wired/testkit'
import { ACCOUNTS } from './accounts'
import type { BrokerUnderTest } from './broker-contract'

const configDir = resolve(import.meta.dirname, '../mosquitto')

/**
 * A private Mosquitto for one test file: config rendered from mosquitto/ into its scratch dir,
 * a password file for the contract accounts, a reserved loopback port. Never the shared broker.
 */
export async function startMosquitto(): Promise<BrokerUnderTest> {
  const broker = await startPrivateMosquitto(({ port, dir }) => {
    const passwordFile = join(dir, 'passwd')
    const aclFile = join(dir, 'acl')
    for (const [username, password] of Object.entries(ACCOUNTS)) {
      const create = username === Object.keys(ACCOUNTS)[0] ? ['-c'] : []
      execFileSync('mosquitto_passwd', [...create, '-b', passwordFile, username, password])
    }
    copyFileSync(join(configDir, 'acl'), aclFile)
    const config = readFileSync(join(configDir, 'mosquitto.conf'), 'utf8')
      .replaceAll('{{PORT}}', String(port))
      .replaceAll('{{PASSWORD_FILE}}', passwordFile)
      .replaceAll('{{ACL_FILE}}', aclFile)
    writeFileSync(join(dir, 'mosquitto.conf'), config)
    // Started as root, mosquitto drops to the `mosquitto` user, which must still read these files.
    chmodSync(dir, 0o755)
    for (const file of ['passwd', 'acl', 'mosquitto.conf']) chmodSync(join(dir, file), 0o644)
    return join(dir, 'mosquitto.conf')
  })
  return { url: broker.url, stop: broker.stop }
}
