import { execFileSync } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isProcessAlive } from '@wired/runtime'
import type { InfraNeed } from './infra'

/**
 * Docker path of resolveInfra: the same servers the compose file runs, from the images built
 * from this repository's Dockerfiles (infra/docker/*), as throwaway containers through
 * testcontainers. Loaded only when a Docker engine answers.
 *
 * testcontainers 11 (12 needs Node 22). Its reaper (Ryuk) is an image from a registry that may
 * not be reachable, so it is off and cleanup is ours: each container is labelled with the pid
 * that started it, removed when that process exits (or is told to stop), and a later run
 * removes any whose owner died without that (a test worker killed outright).
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

const IMAGES: Record<InfraNeed, { service: string; image: string }> = {
  redis: { service: 'redis', image: 'wired/redis:dev' },
  postgres: { service: 'postgres', image: 'wired/postgres:dev' },
  mqtt: { service: 'mosquitto', image: 'wired/mosquitto:dev' },
  kafka: { service: 'kafka', image: 'wired/kafka:dev' },
}

const OWNER_LABEL = 'dev.wired.test-owner'
const started: string[] = []

function removeStarted() {
  if (started.length > 0) execFileSync('docker', ['rm', '-f', ...started.splice(0)], { stdio: 'ignore' })
}
process.on('exit', removeStarted)
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    removeStarted()
    process.exit(signal === 'SIGTERM' ? 143 : 130)
  })

/** Removes the containers of owners that are gone. */
function sweepOrphans() {
  const lines = execFileSync(
    'docker',
    ['ps', '-a', '--filter', `label=${OWNER_LABEL}`, '--format', `{{.ID}} {{.Label "${OWNER_LABEL}"}}`],
    { encoding: 'utf8' },
  )
  const orphans = lines
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter(([id, pid]) => id && pid && !isProcessAlive(Number(pid)))
    .map(([id]) => id!)
  if (orphans.length > 0) execFileSync('docker', ['rm', '-f', ...orphans], { stdio: 'ignore' })
}

/** For a test's afterAll: remove what this process started now rather than at exit. */
export function stopContainers(): void {
  removeStarted()
}

/** Builds an image from its Dockerfile (through compose, which names them) unless it is here already. */
function ensureImage(need: InfraNeed): string {
  const { service, image } = IMAGES[need]
  try {
    execFileSync('docker', ['image', 'inspect', image], { stdio: 'ignore' })
  } catch {
    execFileSync('docker', ['compose', '-f', resolve(repoRoot, 'docker-compose.yml'), 'build', service], {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    })
  }
  return image
}

export async function startContainers(needs: InfraNeed[]): Promise<Record<string, string>> {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true'
  const { GenericContainer, Wait } = await import('testcontainers')
  const env: Record<string, string> = {}
  sweepOrphans()
  const start = async (container: InstanceType<typeof GenericContainer>) => {
    const running = await container.withLabels({ [OWNER_LABEL]: String(process.pid) }).start()
    started.push(running.getId())
    return running
  }
  for (const need of needs) {
    const image = ensureImage(need)
    if (need === 'redis') {
      const redis = await start(new GenericContainer(image).withExposedPorts(6379))
      env.REDIS_URL = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`
    }
    if (need === 'postgres') {
      const pg = await start(
        new GenericContainer(image)
          .withEnvironment({ POSTGRES_PASSWORD: 'postgres' })
          .withExposedPorts(5432)
          .withWaitStrategy(Wait.forLogMessage(/ready to accept connections/)),
      )
      env.DATABASE_URL = `postgres://postgres:postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/postgres`
    }
    if (need === 'mqtt') {
      const mqtt = await start(new GenericContainer(image).withExposedPorts(1883))
      env.MQTT_URL = `mqtt://${mqtt.getHost()}:${mqtt.getMappedPort(1883)}`
    }
    if (need === 'kafka') {
      // A fixed host port, because the broker must advertise the address clients dial.
      const kafka = await start(
        new GenericContainer(image)
          .withExposedPorts({ container: 9092, host: 29092 })
          .withEnvironment({ KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://127.0.0.1:29092' })
          .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/)),
      )
      env.KAFKA_BROKERS = `${kafka.getHost()}:29092`
    }
  }
  return env
}
