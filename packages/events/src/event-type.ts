import { AppError } from '@wired/runtime'
import type { IncomingRecord, OutgoingRecord } from './event-log'

/** The header naming a record's protobuf message type, so a consumer can refuse what it cannot read. */
export const EVENT_TYPE_HEADER = 'event-type'

/** What ts-proto generates for every message: `Message.encode(m).finish()` and `Message.decode(bytes)`. */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array }
  decode(bytes: Uint8Array): T
}

export interface EventType<T> {
  readonly typeName: string
  readonly codec: MessageCodec<T>
}

/** Every type declared in this process, by name: the wire view decodes a record's value with it. */
const knownTypes = new Map<string, MessageCodec<unknown>>()

/** e.g. `eventType('wired.whatsapp.MessageSent', MessageSent)` */
export function eventType<T>(typeName: string, codec: MessageCodec<T>): EventType<T> {
  knownTypes.set(typeName, codec as MessageCodec<unknown>)
  return { typeName, codec }
}

/** A record's value decoded by its type header for reading (the wire panel), or a note why not. */
export function describeRecordValue(record: Pick<IncomingRecord, 'value' | 'headers'>): unknown {
  const typeName = record.headers[EVENT_TYPE_HEADER]
  const codec = typeName === undefined ? undefined : knownTypes.get(typeName)
  if (!codec) return `(${record.value.byteLength} bytes${typeName ? ` of ${typeName}` : ''})`
  try {
    return { [typeName as string]: codec.decode(record.value) }
  } catch {
    return `(${record.value.byteLength} bytes that do not decode as ${typeName})`
  }
}

/**
 * The value and headers of a record; the key stays at the call site, where it decides ordering:
 * `publish('chat.messages', [{ key: chatId, ...encodeEvent(MessageSent, sent) }])`.
 */
export function encodeEvent<T>(
  type: EventType<T>,
  message: T,
  headers: Record<string, string> = {},
): Required<Omit<OutgoingRecord, 'key'>> {
  return alreadyEncodedEvent(type, type.codec.encode(message).finish(), headers)
}

/**
 * The same for bytes encoded earlier, such as an outbox row written in the same transaction
 * as the state change: only the type header is added.
 */
export function alreadyEncodedEvent<T>(
  type: EventType<T>,
  value: Uint8Array,
  headers: Record<string, string> = {},
): Required<Omit<OutgoingRecord, 'key'>> {
  return { value, headers: { ...headers, [EVENT_TYPE_HEADER]: type.typeName } }
}

/**
 * The typed message inside a record. A missing or different type header is INVALID_ARGUMENT:
 * decoding bytes with the wrong schema would not fail, it would silently produce garbage.
 */
export function decodeEvent<T>(type: EventType<T>, record: Pick<IncomingRecord, 'value' | 'headers'>): T {
  const found = record.headers[EVENT_TYPE_HEADER]
  if (found !== type.typeName) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `expected event type ${type.typeName}, got ${found ?? 'no event-type header'}`,
      {
        expected: type.typeName,
        found,
      },
    )
  }
  try {
    return type.codec.decode(record.value)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new AppError('INVALID_ARGUMENT', `cannot decode ${type.typeName}: ${reason}`)
  }
}
