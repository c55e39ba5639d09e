/**
 * The ffmpeg child of one live stream (arguments and why: domain/live-hls.ts). It is the only
 * process the ingest spawns, and every one is accounted for: stop() interrupts it (SIGINT, so
 * ffmpeg finishes the segment in hand and writes #EXT-X-ENDLIST), kills it if it has not exited
 * in time, and closes any playlist it left open; the service stops every packager when it stops.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '@wired/runtime'
import { RENDITIONS } from '../../shared/media-paths'
import { liveHlsArgs, masterPlaylist, withEndList } from '../domain/live-hls'

const GRACEFUL_STOP_MS = 5_000

export interface HlsPackager {
  /** Resolves once both renditions have a segment and the master playlist is written. */
  playable: Promise<void>
  /** Settles when ffmpeg exits, for whatever reason. */
  exited: Promise<void>
  stop(): Promise<void>
}

export async function startHlsPackager(options: {
  inputUrl: string
  outDir: string
  inputTimeoutMs: number
  logger: Logger
}): Promise<HlsPackager> {
  const { outDir, logger } = options
  for (const rendition of RENDITIONS) await mkdir(join(outDir, rendition.name), { recursive: true })
  const child = spawn('ffmpeg', liveHlsArgs(options), { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000)
  })
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      if (code !== 0 && signal === null) logger.warn({ code, stderr }, 'live HLS ffmpeg exited')
      resolve()
    })
    child.once('error', (error) => {
      logger.error({ err: error }, 'ffmpeg could not start')
      resolve()
    })
  })
  const playable = whenPlayable(outDir, exited)
  return {
    playable,
    exited,
    async stop() {
      await interrupt(child, exited)
      await closePlaylists(outDir)
    },
  }
}

/** Polls (every 100 ms) for a first segment in every rendition, then writes the master. */
async function whenPlayable(outDir: string, exited: Promise<void>): Promise<void> {
  let gone = false
  void exited.then(() => {
    gone = true
  })
  const playlists = RENDITIONS.map((r) => join(outDir, r.name, 'index.m3u8'))
  while (!gone) {
    if (playlists.every((path) => existsSync(path))) {
      const temporary = join(outDir, 'master.m3u8.tmp')
      await writeFile(temporary, masterPlaylist())
      await rename(temporary, join(outDir, 'master.m3u8'))
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('ffmpeg exited before the stream was playable')
}

async function interrupt(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGINT')
  const timer = setTimeout(() => child.kill('SIGKILL'), GRACEFUL_STOP_MS)
  await exited
  clearTimeout(timer)
}

/** ffmpeg writes #EXT-X-ENDLIST on a clean end; a kill -9 would not, so the ingest checks. */
async function closePlaylists(outDir: string): Promise<void> {
  for (const rendition of RENDITIONS) {
    const path = join(outDir, rendition.name, 'index.m3u8')
    if (!existsSync(path)) continue
    const playlist = await readFile(path, 'utf8')
    const closed = withEndList(playlist)
    if (closed !== playlist) {
      await writeFile(`${path}.tmp`, closed)
      await rename(`${path}.tmp`, path)
    }
  }
}
