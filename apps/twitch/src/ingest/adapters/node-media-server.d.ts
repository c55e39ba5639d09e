/**
 * The part of node-media-server 4.4 (plain JavaScript, no types) that the ingest uses: the server,
 * its publish events, and the RTMP session they hand over (src/session/rtmp_session.js).
 */
declare module 'node-media-server' {
  import type { Server, Socket } from 'node:net'

  export interface NmsSession {
    id: string
    /** `/live/<stream key>` */
    streamPath: string
    streamName: string
    /** "address:port" of the peer. */
    ip: string
    isPublisher: boolean
    /** Bytes received from the peer so far (media and commands). */
    inBytes: number
    socket: Socket
    rtmp: { onDeleteStream(message: unknown): void }
    close(): void
  }

  export default class NodeMediaServer {
    constructor(config: Record<string, unknown>)
    rtmpServer: { tcpServer?: Server }
    on(event: 'prePublish' | 'postPublish' | 'donePublish' | 'prePlay', listener: (session: NmsSession) => void): void
    run(): Promise<void>
    stop(): Promise<void>
  }
}

declare module 'node-media-server/src/core/context.js' {
  import type { EventEmitter } from 'node:events'

  const Context: { eventEmitter: EventEmitter }
  export default Context
}

declare module 'node-media-server/src/core/logger.js' {
  const logger: { level: string }
  export default logger
}
