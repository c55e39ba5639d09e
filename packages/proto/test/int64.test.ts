import { describe, expect, it } from 'vitest'
import { EchoRequest, EchoResponse } from '../src/gen/testing/v1/echo'

// forceLong=number: int64 fields are plain numbers, which is what epoch milliseconds and
// counters want. The trade-off: a value beyond 2^53 cannot be represented, so the generated
// decoder refuses it instead of silently rounding (these tests pin that behaviour).
describe('int64 as number (forceLong=number)', () => {
  it('round-trips epoch milliseconds exactly', () => {
    const sentAtMs = Date.UTC(2030, 0, 1, 12, 0, 0, 123)
    const bytes = EchoResponse.encode({ text: 'hi', sentAtMs }).finish()
    expect(EchoResponse.decode(bytes)).toEqual({ text: 'hi', sentAtMs })
  })

  it('refuses to decode an int64 larger than Number.MAX_SAFE_INTEGER', () => {
    // Hand-built wire bytes: field 2 (varint) = 2^53 + 1, as another language would send it.
    const tooBig = 2n ** 53n + 1n
    const bytes = [0x10, ...varint(tooBig)]
    expect(() => EchoResponse.decode(Uint8Array.from(bytes))).toThrow(/MAX_SAFE_INTEGER/)
  })

  it('keeps oneof fields as tagged unions', () => {
    const request = EchoRequest.fromPartial({ text: 'a', shape: { $case: 'repeat', value: 3 } })
    expect(EchoRequest.decode(EchoRequest.encode(request).finish()).shape).toEqual({ $case: 'repeat', value: 3 })
  })
})

function varint(value: bigint): number[] {
  const bytes: number[] = []
  let rest = value
  while (rest >= 0x80n) {
    bytes.push(Number((rest & 0x7fn) | 0x80n))
    rest >>= 7n
  }
  bytes.push(Number(rest))
  return bytes
}
