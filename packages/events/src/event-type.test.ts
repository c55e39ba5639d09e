import { AppError } from '@wired/runtime'
import { describe, expect, it } from 'vitest'
import { alreadyEncodedEvent, decodeEvent, EVENT_TYPE_HEADER, encodeEvent, eventType } from './event-type'

// A hand-written codec with the shape ts-proto generates: `{ text }` as UTF-8 bytes.
interface Note {
  text: string
}
const NoteCodec = {
  encode: (note: Note) => ({ finish: () => new TextEncoder().encode(note.text) }),
  decode: (bytes: Uint8Array): Note => ({ text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) }),
}
const NoteWritten = eventType('test.NoteWritten', NoteCodec)
const NoteDeleted = eventType('test.NoteDeleted', NoteCodec)

describe('typed events', () => {
  it('round-trips a message and names its type in a header', () => {
    const record = { key: 'note-1', ...encodeEvent(NoteWritten, { text: 'hello' }, { 'trace-id': 't1' }) }
    expect(record.headers).toEqual({ 'trace-id': 't1', [EVENT_TYPE_HEADER]: 'test.NoteWritten' })
    expect(decodeEvent(NoteWritten, record)).toEqual({ text: 'hello' })
  })

  it('labels bytes encoded earlier (an outbox row) so they decode like any other event', () => {
    const bytes = NoteCodec.encode({ text: 'from the outbox' }).finish()
    const record = { key: 'note-2', ...alreadyEncodedEvent(NoteWritten, bytes) }
    expect(record.headers).toEqual({ [EVENT_TYPE_HEADER]: 'test.NoteWritten' })
    expect(decodeEvent(NoteWritten, record)).toEqual({ text: 'from the outbox' })
  })

  it('refuses a record of another type with INVALID_ARGUMENT', () => {
    const record = encodeEvent(NoteDeleted, { text: 'gone' })
    const decoding = () => decodeEvent(NoteWritten, record)
    expect(decoding).toThrow(AppError)
    expect(decoding).toThrow(/expected event type test.NoteWritten, got test.NoteDeleted/)
  })

  it('refuses a record without a type header', () => {
    expect(() => decodeEvent(NoteWritten, { value: new Uint8Array(), headers: {} })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })

  it('reports bytes the codec cannot read as INVALID_ARGUMENT', () => {
    const record = { value: new Uint8Array([0xff, 0xfe]), headers: { [EVENT_TYPE_HEADER]: 'test.NoteWritten' } }
    expect(() => decodeEvent(NoteWritten, record)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })
})
