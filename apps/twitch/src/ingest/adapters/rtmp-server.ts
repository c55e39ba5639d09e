/**
 * node-media-server 4.4 as the RTMP listener. It speaks RTMP (handshake, chunking, AMF commands)
 * and fans a publish out to players; it knows nothing of stream keys or HLS. Three quirks shape this
 * file:
 *  - its state is module-global (one Context per process): listeners are removed on close, so an
 *    embedded restart of the ingest does not leave the old ones answering;
 *  - a publish cannot be refused by a return value: the ingest destroys the session's socket in
 *    `prePublish` (its docs: close the session there), and judges a publish accepted only once node-media-server
 *    has made it the channel's publisher (`session.isPublisher`, set right after `postPublish`);
 *  - when a publisher leaves, node-media-server keeps its players attached, waiting for a new
 *    publisher: our ffmpeg would sit on a silent input and not even obey SIGINT (its first signal
 *    does not interrupt a blocking read). `endPlayback` closes those players, so the packager reads
 *    end-of-stream and finishes its playlists at once.
 */
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import NodeMediaServer, { type NmsSession } from 'node-media-server'
import Context from 'node-media-server/src/core/context.js'
import nmsLogger from 'node-media-server/src/core/logger.js'

export type { NmsSession }

/** One publisher's connection, as the use case sees it. */
export interface PublisherConnection {
  streamKey: string
  bytesIn(): number
  readonly disconnected: boolean
  readonly unpublished: boolean
  /** Ends the RTMP connection (a refused or stopped publish). */
  close(): void
}

export async function startRtmpServer(options: {
  host: string
  port: number
  /** Return false to refuse the publish; true means "accept if node-media-server does too". */
  onPublish(publisher: PublisherConnection): boolean
  onAccepted(publisher: PublisherConnection): void
  /** Only the ingest's own ffmpeg may play a publish back (the stream key is in the URL). */
  mayPlay(session: NmsSession): boolean
}) {
  // Its bookkeeping store (history, relay tasks) goes to a scratch dir, not the working directory.
  const storeDir = await mkdtemp(join(tmpdir(), 'wired-nms-'))
  const server = new NodeMediaServer({
    bind: options.host,
    rtmp: { port: options.port },
    webadmin: { enable: false },
    store: { path: storeDir },
  })
  nmsLogger.level = 'error'

  const prePublish = (session: NmsSession) => {
    const publisher = connectionOf(session)
    if (!options.onPublish(publisher)) return publisher.close()
    // isPublisher is set synchronously after postPublish when node-media-server accepts it.
    setImmediate(() => {
      if (session.isPublisher && !session.socket.destroyed) options.onAccepted(publisher)
    })
  }
  const players = new Map<string, Set<NmsSession>>()
  const prePlay = (session: NmsSession) => {
    if (!options.mayPlay(session)) return session.socket.destroy()
    const sessions = players.get(session.streamName) ?? new Set()
    players.set(session.streamName, sessions.add(session))
    session.socket.once('close', () => {
      sessions.delete(session)
      if (sessions.size === 0 && players.get(session.streamName) === sessions) players.delete(session.streamName)
    })
  }
  Context.eventEmitter.on('prePublish', prePublish)
  Context.eventEmitter.on('prePlay', prePlay)
  await server.run()
  const listener = server.rtmpServer.tcpServer
  if (listener && !listener.listening) await once(listener, 'listening')
  return {
    /** Ends every playback of this stream key (the packager's input): it reads end-of-stream. */
    endPlayback(streamKey: string) {
      for (const session of players.get(streamKey) ?? []) session.socket.end()
    },
    async close() {
      Context.eventEmitter.off('prePublish', prePublish)
      Context.eventEmitter.off('prePlay', prePlay)
      await server.stop()
      await rm(storeDir, { recursive: true, force: true })
    },
  }
}

function connectionOf(session: NmsSession): PublisherConnection {
  const state = { disconnected: false, unpublished: false }
  session.socket.once('close', () => {
    state.disconnected = true
  })
  // node-media-server ignores deleteStream; we note it: it is the publisher's goodbye (see domain/publish-rules.ts).
  const original = session.rtmp.onDeleteStream.bind(session.rtmp)
  session.rtmp.onDeleteStream = (message) => {
    state.unpublished = true
    original(message)
  }
  return {
    streamKey: session.streamName,
    bytesIn: () => session.inBytes,
    get disconnected() {
      return state.disconnected || session.socket.destroyed
    },
    get unpublished() {
      return state.unpublished
    },
    // destroy, not end: a stalled or refused peer must not keep a half-open connection.
    close: () => session.socket.destroy(),
  }
}
