import type { Span } from '@wired/wire'
import { describe, expect, it } from 'vitest'
import { type Hops, MAX_TRACED_RECIPIENTS, tracedFrame } from './tracing'

/** Hops as inside a recorded trace: every hop is a span, and each span has its own traceparent. */
function recordingHops() {
  let spans = 0
  const hops = {
    on: true,
    start: () => {
      spans += 1
      return { end() {}, setAttributes() {}, setStatus() {}, n: spans } as unknown as Span
    },
    within: (span: Span & { n?: number }) => `00-${'a'.repeat(32)}-${String(span.n).padStart(16, '0')}-01`,
  } as unknown as Hops
  return { hops, spans: () => spans }
}

describe('tracedFrame', () => {
  it('makes hops of the first few recipients of one fan-out and sends the rest the frame as encoded', async () => {
    const { hops, spans } = recordingHops()
    const frame = JSON.stringify({ type: 'message', text: 'hello' })
    const sent = Array.from({ length: 100 }, (_, i) => tracedFrame(hops, frame, `c${i}`))
    expect(spans()).toBe(MAX_TRACED_RECIPIENTS)
    expect(sent.slice(0, MAX_TRACED_RECIPIENTS).every((f) => String(f).startsWith('{"trace":"00-'))).toBe(true)
    expect(sent.slice(MAX_TRACED_RECIPIENTS).every((f) => f === frame)).toBe(true)
    // A different frame is a new fan-out, and so is the same frame once the loop is over.
    expect(String(tracedFrame(hops, JSON.stringify({ type: 'deleted' }), 'c0'))).toMatch(/^\{"trace"/)
    await Promise.resolve()
    expect(String(tracedFrame(hops, frame, 'c0'))).toMatch(/^\{"trace"/)
    expect(spans()).toBe(MAX_TRACED_RECIPIENTS + 2)
  })
})
