import { randomBytes } from 'node:crypto'
import { createHttpServer } from '@wired/http'
import { defineService, openEventLog, type ServiceDeps } from '@wired/kit'
import { silentLogger } from '@wired/runtime'
import { connectBackendMqtt, createBackendMqtt } from '../shared/backend-mqtt'
import { openSmartHomeDatabase } from '../shared/database'
import { kafkaTopics, topicSpecs } from '../shared/kafka-topics'
import { commandPublisher } from './adapters/command-publisher'
import { DeviceRegistry } from './adapters/device-registry'
import type { DashboardConfig } from './config'
import { LiveFeed } from './domain/live-feed'
import { deviceRoutes } from './entrypoints/devices.routes'
import { eventRoutes } from './entrypoints/events.routes'
import { subscribeToHomes, watchHomes } from './entrypoints/home.consumer'
import { consumeNotifications } from './entrypoints/notifications.consumer'
import { SseHub } from './entrypoints/sse-hub'
import { serveWeb } from './entrypoints/web.routes'

/**
 * The dashboard: a page, REST for devices, history and commands, SSE for the live feed. It
 * learns devices and readings from MQTT (`home/#`), history from PostgreSQL, notifications from
 * Kafka, and sends commands over MQTT.
 */
export function createService(config: DashboardConfig, deps: ServiceDeps = {}) {
  const logger = deps.logger ?? silentLogger
  return defineService(async (shutdown) => {
    const pool = await openSmartHomeDatabase(config.database, logger, shutdown)
    const events = await openEventLog(deps, shutdown, {
      brokers: config.kafkaBrokers,
      clientId: 'smart-home-dashboard',
    })
    await events.createTopics(topicSpecs(config.topicPrefix))

    const registry = new DeviceRegistry()
    const feed = new LiveFeed(randomBytes(4).toString('hex'))
    const hub = new SseHub()
    const mqtt = createBackendMqtt(config.mqtt, { clean: true })
    watchHomes(mqtt, registry, feed, (home, entry) => hub.send(home, entry))
    await connectBackendMqtt(mqtt)
    shutdown.defer(() => mqtt.endAsync())
    await subscribeToHomes(mqtt)

    const subscription = await consumeNotifications(
      events,
      logger,
      { topic: kafkaTopics(config.topicPrefix).notifications, groupId: config.notificationsGroup },
      (notification) => hub.send(notification.home, feed.push(notification.home, 'notification', notification)),
    )
    shutdown.defer(() => subscription.stop())

    const app = createHttpServer({ name: 'smart-home-dashboard', logger, bodyLimit: 4096 })
    await serveWeb(app, config.collectorUrl)
    deviceRoutes(app, {
      registry,
      pool,
      publish: commandPublisher(mqtt),
    })
    eventRoutes(app, feed, hub)
    await app.listen({ host: config.host, port: config.port })
    shutdown.defer(async () => {
      hub.closeAll()
      await app.close()
    })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    return { http: `http://${config.host}:${port}` }
  }, logger)
}
