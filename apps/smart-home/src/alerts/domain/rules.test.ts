import { describe, expect, it } from 'vitest'
import type { Reading } from '../../shared/reading'
import { evaluate } from './rules'

const reading = (over: Partial<Reading>): Reading => ({
  id: 'h001-thermostat-1',
  device: 'h001-thermostat',
  home: 'h001',
  room: 'living',
  kind: 'thermostat',
  channel: 'telemetry',
  metric: 'temperature',
  value: 21,
  at: 1_700_000_000_000,
  qos: 0,
  ...over,
})

describe('threshold rules', () => {
  it('fires nothing for a normal reading', () => {
    expect(evaluate(reading({}))).toEqual([])
  })
  it('fires too-hot above 30 °C with an id derived from the reading', () => {
    expect(evaluate(reading({ value: 31.5 }))).toEqual([
      expect.objectContaining({ id: 'h001-thermostat-1:too-hot', rule: 'too-hot', home: 'h001', value: 31.5 }),
    ])
  })
  it('fires too-cold below 10 °C and battery-low below 15 %', () => {
    expect(evaluate(reading({ value: 4 })).map((n) => n.rule)).toEqual(['too-cold'])
    expect(evaluate(reading({ metric: 'battery', value: 9 })).map((n) => n.rule)).toEqual(['battery-low'])
  })
  it('passes on every alert a device raises', () => {
    const fired = evaluate(reading({ channel: 'alert', metric: 'lock_jammed', value: 1, kind: 'lock' }))
    expect(fired).toEqual([expect.objectContaining({ rule: 'device-alert', message: 'h001-thermostat: lock jammed' })])
  })
})
