import type { Notification, User } from '@wired/proto/lab/v1/lab'

export type { Notification, User }

/**
 * The guide's `User` example, with its exact values. Every request/response protocol in the lab
 * moves this one object: as protobuf over gRPC, as JSON everywhere else.
 */
export const guideUser: User = { userId: 12345, name: 'John Doe', email: 'john@example.com', age: 30 }

/** The JSON the guide shows (its keys are snake_case, as in the .proto). */
export interface UserJson {
  user_id: number
  name: string
  email: string
  age: number
}

export function userToJson(user: User): UserJson {
  return { user_id: user.userId, name: user.name, email: user.email, age: user.age }
}

export function userFromJson(json: UserJson): User {
  return { userId: json.user_id, name: json.name, email: json.email, age: json.age }
}

/** The text every pushed notification carries: short, like a chat or feed notification. */
export const notificationText = 'New notification!'

/** The MQTT topic the lab's publisher and subscribers share. */
export const notificationTopic = 'lab/notifications'

export function isNotification(value: unknown): value is Notification {
  const candidate = value as Partial<Notification> | null
  return typeof candidate?.seq === 'number' && typeof candidate.sentAtNs === 'number'
}

/**
 * The TCP/UDP rows send fixed-size binary records (no JSON, no framing library): the seq, the
 * send timestamp, and zero padding up to a small game-update-sized datagram. Fixed size is the
 * framing on TCP, whose byte stream has no message boundaries of its own.
 */
export const RECORD_BYTES = 64

export function encodeRecord(seq: number, sentAtNs: number): Buffer {
  const record = Buffer.alloc(RECORD_BYTES)
  record.writeUInt32BE(seq, 0)
  record.writeDoubleBE(sentAtNs, 4)
  return record
}

export function decodeRecord(record: Buffer): { seq: number; sentAtNs: number } {
  return { seq: record.readUInt32BE(0), sentAtNs: record.readDoubleBE(4) }
}
