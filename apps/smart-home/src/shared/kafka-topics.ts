/**
 * Kafka topics of the smart home, their keys and who reads them. A test run prefixes the names
 * (KAFKA_TOPIC_PREFIX) so runs on one broker never mix.
 *
 * smarthome.readings       key = device id: every telemetry reading and device alert the bridge
 *                          took off MQTT, in order per device.
 *   consumer groups: smart-home-recorder (PostgreSQL), smart-home-alerts (threshold rules)
 * smarthome.notifications  key = home id: what the threshold rules fired.
 *   consumer groups: smart-home-dashboard-<instance> (every dashboard pushes every notification)
 */
export const kafkaTopics = (prefix = '') => ({
  readings: `${prefix}smarthome.readings`,
  notifications: `${prefix}smarthome.notifications`,
})

export const topicSpecs = (prefix = '') => {
  const topics = kafkaTopics(prefix)
  return [
    { topic: topics.readings, partitions: 6 },
    { topic: topics.notifications, partitions: 3 },
  ]
}
