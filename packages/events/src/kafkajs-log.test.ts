import { logLevel } from 'kafkajs'
import { describe, expect, it } from 'vitest'
import { kafkajsLogMethod } from './kafkajs-log'

describe('kafkajsLogMethod', () => {
  it('keeps errors errors, but not the answers kafkajs retries through at every boot', () => {
    expect(kafkajsLogMethod('Connection', logLevel.ERROR, { error: 'Topic creation errors' })).toBe('debug')
    expect(kafkajsLogMethod('Connection', logLevel.ERROR, { error: 'The group coordinator is not available' })).toBe(
      'debug',
    )
    expect(kafkajsLogMethod('Connection', logLevel.ERROR, { error: 'Connection timeout' })).toBe('error')
    expect(kafkajsLogMethod('Producer', logLevel.ERROR, { error: 'Topic creation errors' })).toBe('error')
    expect(kafkajsLogMethod('Consumer', logLevel.WARN, {})).toBe('warn')
    expect(kafkajsLogMethod('Consumer', logLevel.INFO, {})).toBe('debug')
  })
})
