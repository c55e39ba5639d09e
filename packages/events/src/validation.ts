import { AppError } from '@wired/runtime'
import type { OutgoingRecord, SubscribeOptions, TopicSpec } from './event-log'

// Kafka's own rule for topic names (kafka.common.Topic): at most 249 of these characters.
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/

export function checkTopicName(topic: string): void {
  if (typeof topic !== 'string' || !TOPIC_NAME.test(topic) || topic === '.' || topic === '..') {
    throw new AppError('INVALID_ARGUMENT', `invalid topic name ${JSON.stringify(topic)}`)
  }
}

export function checkTopicSpecs(topics: TopicSpec[]): void {
  for (const { topic, partitions } of topics) {
    checkTopicName(topic)
    if (partitions !== undefined && !(Number.isInteger(partitions) && partitions >= 1)) {
      throw new AppError('INVALID_ARGUMENT', `topic ${topic}: partitions must be a positive integer`)
    }
  }
}

/** Checked before anything is sent, so a bad batch changes nothing. */
export function checkRecords(topic: string, records: OutgoingRecord[]): void {
  checkTopicName(topic)
  if (!Array.isArray(records)) throw new AppError('INVALID_ARGUMENT', `publish to ${topic}: records must be an array`)
  records.forEach((record, index) => {
    if (typeof record?.key !== 'string') {
      throw new AppError('INVALID_ARGUMENT', `publish to ${topic}: record ${index} needs a string key`)
    }
    if (!(record.value instanceof Uint8Array)) {
      throw new AppError('INVALID_ARGUMENT', `publish to ${topic}: record ${index} needs a Uint8Array value`)
    }
    for (const [name, value] of Object.entries(record.headers ?? {})) {
      if (typeof value !== 'string') {
        throw new AppError('INVALID_ARGUMENT', `publish to ${topic}: record ${index} header ${name} must be a string`)
      }
    }
  })
}

export function checkSubscribeOptions(options: SubscribeOptions): void {
  const { groupId, topics, handler, batchHandler, maxRetries, retryBackoffMs } = options
  if (typeof groupId !== 'string' || groupId.length === 0) {
    throw new AppError('INVALID_ARGUMENT', 'subscribe: groupId must be a non-empty string')
  }
  if (!Array.isArray(topics) || topics.length === 0) {
    throw new AppError('INVALID_ARGUMENT', `subscribe ${groupId}: name at least one topic`)
  }
  topics.forEach(checkTopicName)
  if ((typeof handler === 'function') === (typeof batchHandler === 'function')) {
    throw new AppError('INVALID_ARGUMENT', `subscribe ${groupId}: give exactly one of handler and batchHandler`)
  }
  for (const [name, value] of Object.entries({ maxRetries, retryBackoffMs })) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new AppError('INVALID_ARGUMENT', `subscribe ${groupId}: ${name} must be a non-negative integer`)
    }
  }
}
