import { execFile, execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/**
 * Real infrastructure for tests, found in this order:
 *   1. explicit URLs in the environment (KAFKA_BROKERS, REDIS_URL, DATABASE_URL, MQTT_URL);
 *   2. a reachable Docker engine: throwaway containers through testcontainers;
 *   3. the native provisioner, infra/native/start.sh (real brokers on loopback, no Docker).
 * A suite that needs real infra and gets none fails with a message saying how to provide it:
 * it never skips silently.
 */
export type InfraNeed = 'kafka' | 'redis' | 'postgres' | 'mqtt'

export interface Infra {
  kafkaBrokers: string[]
  redisUrl: string
  databaseUrl: string
  mqttUrl: string
}

const ENV_KEYS: Record<InfraNeed, string> = {
  kafka: 'KAFKA_BROKERS',
  redis: 'REDIS_URL',
  postgres: 'DATABASE_URL',
  mqtt: 'MQTT_URL',
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

export async function resolveInfra(needs: InfraNeed[]): Promise<Infra> {
  const missing = needs.filter((need) => !process.env[ENV_KEYS[need]])
  if (missing.length > 0) {
    try {
      if (await dockerEngineAnswers()) {
        const { startContainers } = await import('./containers')
        Object.assign(process.env, await startContainers(missing))
      } else {
        Object.assign(process.env, startNative(missing))
      }
    } catch (error) {
      throw new Error(howToProvide(missing, error))
    }
  }
  return {
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean),
    redisUrl: process.env.REDIS_URL ?? '',
    databaseUrl: process.env.DATABASE_URL ?? '',
    mqttUrl: process.env.MQTT_URL ?? '',
  }
}

export async function dockerEngineAnswers(): Promise<boolean> {
  // The docker CLI can be installed without an engine (as on Wired's CI machines): ask the engine.
  try {
    await promisify(execFile)('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5_000 })
    return true
  } catch {
    return false
  }
}

export function startNative(missing: InfraNeed[]): Record<string, string> {
  const script = resolve(repoRoot, 'infra/native/start.sh')
  const services = missing.map((need) => (need === 'mqtt' ? 'mosquitto' : need))
  execFileSync('bash', [script, ...services], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 })
  return readEnvFile(resolve(repoRoot, '.wired/infra.env'))
}

export function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {}
  const env: Record<string, string> = {}
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim())
    if (match?.[1] && match[2] !== undefined) env[match[1]] = match[2]
  }
  return env
}

function howToProvide(missing: InfraNeed[], cause: unknown): string {
  const keys = missing.map((need) => ENV_KEYS[need]).join(', ')
  return [
    `This suite needs real ${missing.join(', ')} and could not get it (${String(cause)}).`,
    `Provide it in one of three ways: set ${keys} to running servers;`,
    'or run a Docker engine (testcontainers starts them);',
    'or run `bash infra/native/start.sh` (real brokers on loopback, no Docker) and source .wired/infra.env.',
  ].join('\n')
}
