import { describe, expect, it } from 'vitest'
import { applyCommand, initialState, measure, reported } from './behaviour'

const fixed = () => 0.5

describe('simulated devices', () => {
  it('a lock follows lock and unlock, and refuses what a lock cannot do', () => {
    const state = initialState(fixed)
    expect(applyCommand('lock', state, { action: 'unlock' })).toMatchObject({ locked: false })
    expect(applyCommand('lock', state, { action: 'lock' })).toMatchObject({ locked: true })
    expect(applyCommand('lock', state, { action: 'on' })).toBeNull()
  })
  it('a thermostat drifts toward its setpoint', () => {
    const state = initialState(fixed)
    state.temperature = 15
    applyCommand('thermostat', state, { action: 'setpoint', value: 25 })
    const before = state.temperature
    measure('thermostat', state, fixed)
    expect(state.temperature).toBeGreaterThan(before)
    expect(reported('thermostat', state)).toEqual({ setpoint: 25 })
  })
  it('a light reports power only when on', () => {
    const state = initialState(fixed)
    expect(measure('light', state, fixed)).toEqual({ metric: 'power', value: 0 })
    applyCommand('light', state, { action: 'on' })
    expect(measure('light', state, fixed).value).toBeGreaterThan(0)
  })
})
