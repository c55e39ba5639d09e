import { describe, expect, it } from 'vitest'
import { parseCommand } from './events'

describe('client commands', () => {
  it('accepts join, chat and leave, taking off a well-formed trace', () => {
    const trace = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`
    expect(parseCommand(JSON.stringify({ type: 'join', ticket: 't.x', trace }))).toEqual({
      ok: true,
      command: { type: 'join', ticket: 't.x' },
      trace,
    })
    expect(parseCommand('{"type":"chat","text":"hi"}')).toMatchObject({
      ok: true,
      command: { type: 'chat', text: 'hi' },
    })
    expect(parseCommand('{"type":"leave"}')).toMatchObject({ ok: true, command: { type: 'leave' } })
  })

  it('refuses what is not the protocol (fatal) and a bad chat line (not fatal)', () => {
    expect(parseCommand('not json')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', fatal: true })
    expect(parseCommand('[1]')).toMatchObject({ ok: false, fatal: true })
    expect(parseCommand('{"type":"teleport"}')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', fatal: true })
    expect(parseCommand('{"type":"join"}')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', fatal: true })
    expect(parseCommand('{"type":"chat","text":""}')).toMatchObject({ ok: false, fatal: false })
    expect(parseCommand(JSON.stringify({ type: 'chat', text: 'x'.repeat(201) }))).toMatchObject({
      ok: false,
      fatal: false,
    })
    expect(parseCommand(JSON.stringify({ type: 'chat', text: '🎲'.repeat(200) }))).toMatchObject({ ok: true })
  })
})
