import { GenericContainer, Wait } from 'testcontainers'
import type { InfraNeed } from './infra'

/**
 * Docker path of resolveInfra: the same servers the compose file runs, as throwaway containers.
 * Loaded only when a Docker engine answers, so machines without one never import testcontainers.
 */
export async function startContainers(needs: InfraNeed[]): Promise<Record<string, string>> {
  const env: Record<string, string> = {}
  for (const need of needs) {
    if (need === 'redis') {
      const redis = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start()
      env.REDIS_URL = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`
    }
    if (need === 'postgres') {
      const pg = await new GenericContainer('postgres:16-alpine')
        .withEnvironment({ POSTGRES_PASSWORD: 'postgres' })
        .withExposedPorts(5432)
        .withWaitStrategy(Wait.forLogMessage(/ready to accept connections/, 2))
        .start()
      env.DATABASE_URL = `postgres://postgres:postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/postgres`
    }
    if (need === 'mqtt') {
      const mqtt = await new GenericContainer('eclipse-mosquitto:2')
        .withCommand(['mosquitto', '-c', '/mosquitto-no-auth.conf'])
        .withExposedPorts(1883)
        .start()
      env.MQTT_URL = `mqtt://${mqtt.getHost()}:${mqtt.getMappedPort(1883)}`
    }
    if (need === 'kafka') {
      // A fixed host port, because the broker must advertise the address clients dial.
      const kafka = await new GenericContainer('apache/kafka:3.9.1')
        .withExposedPorts({ container: 9092, host: 29092 })
        .withEnvironment({
          KAFKA_NODE_ID: '1',
          KAFKA_PROCESS_ROLES: 'broker,controller',
          KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
          KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://127.0.0.1:29092',
          KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
          KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
          KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
          KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        })
        .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
        .start()
      env.KAFKA_BROKERS = `${kafka.getHost()}:29092`
    }
  }
  return env
}
