import { User } from '@wired/proto/lab/v1/lab'
import { guideUser, userToJson } from '../payload'

/**
 * The guide's User, encoded three ways. These are encoder outputs, not socket counts: the
 * request/response rows show what each protocol adds around them on the wire.
 */
export interface PayloadSizes {
  /** `JSON.stringify`, no whitespace: what fastify and most servers send. */
  jsonCompact: number
  /** Indented two spaces, as the guide prints it. */
  jsonPretty: number
  /** `User.encode` from the ts-proto code generated for the guide's .proto. */
  protobuf: number
  /** The protobuf bytes in hex, for the report (tag, value, tag, length, bytes...). */
  protobufHex: string
}

export function measurePayloadSizes(): PayloadSizes {
  const json = userToJson(guideUser)
  const protobuf = User.encode(guideUser).finish()
  return {
    jsonCompact: Buffer.byteLength(JSON.stringify(json)),
    jsonPretty: Buffer.byteLength(JSON.stringify(json, null, 2)),
    protobuf: protobuf.length,
    protobufHex: Buffer.from(protobuf).toString('hex'),
  }
}
