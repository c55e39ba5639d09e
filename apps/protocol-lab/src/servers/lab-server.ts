import type { Notification } from '../payload'

/**
 * The far side of a measurement, running in its own process: either a server the lab's client
 * calls (REST, gRPC, GraphQL, WebSocket), or the source of the events the client receives
 * (a push server, an MQTT publisher, a Kafka producer, a datagram sender).
 */
export interface LabServer {
  /** The TCP port it listens on (0 for pure senders). */
  port: number
  /** Delivers one notification to every current subscriber; resolves when handed to the transport. */
  publish?(notification: Notification, options: PublishOptions): Promise<void>
  /** Protocol-specific commands the lab can run in this process (e.g. "send datagrams"). */
  commands?: Record<string, (params: Record<string, unknown>) => Promise<unknown>>
  close(): Promise<void>
}

export interface PublishOptions {
  /** MQTT quality of service; ignored by the others. */
  qos: 0 | 1 | 2
}

/** Options handed from the lab to a server process (a JSON object on its command line). */
export type ServerOptions = Record<string, string | number | boolean>

/** The lab → server messages, over the child process's IPC channel (control only, never data). */
export type ControlMessage =
  | { id: number; command: 'push'; params: { count: number; intervalMs: number; qos: 0 | 1 | 2 } }
  | { id: number; command: string; params: Record<string, unknown> }

export type ControlReply =
  | { type: 'ready'; port: number }
  | { type: 'reply'; id: number; result?: unknown; error?: string }
