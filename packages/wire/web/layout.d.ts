// Types of layout.js for TypeScript callers (the node unit test): the browser loads layout.js as
// is, and this package's tsconfig does not read JavaScript. Keep in step with layout.js's JSDoc.

// The span shape is the collector's (Zipkin's v2 JSON), defined once there.
import type { ZipkinSpan } from '../src/collector'

export type { ZipkinSpan }

export interface Lane {
  name: string
  kind: 'browser' | 'service' | 'peer' | 'infra'
}

export interface Hop {
  key: string
  from: number
  to: number
  shape: 'call' | 'message'
  protocol: string
  name: string
  facts: string[]
  bytes: number | undefined
  /** ms since the trace's first span */
  at: number
  /** ms */
  duration: number | undefined
  error: string | undefined
  spans: ZipkinSpan[]
}

export interface Diagram {
  lanes: Lane[]
  hops: Hop[]
}

export const PROTOCOLS: string[]
export const BROWSER: 'Browser'
export function layoutTrace(spans: ZipkinSpan[]): Diagram
export function factsOf(protocol: string, tags: Record<string, string>): string[]
export function readPayload(text: string): { text: string; json: boolean; cut: boolean }
export function formatMs(ms: number | undefined): string
export function formatBytes(bytes: number | undefined): string
export function serviceOf(span: ZipkinSpan): string
