/**
 * A test stream, what OBS would send: ffmpeg's test pattern (testsrc2, a clock and a moving
 * gradient) and a 440 Hz tone, encoded like a streamer's encoder (x264 ultrafast + zerolatency, a
 * keyframe every second at 30 fps, AAC) and published over RTMP in real time (-re). Used by
 * `./wired stream`, the simulator, the tests and the benchmarks; nothing is downloaded.
 *
 *   stop()  ends it like OBS's "Stop streaming": SIGINT, ffmpeg sends deleteStream and closes
 *   kill()  kill -9: the connection drops without a goodbye (a crash, a pulled cable)
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { pathToFileURL } from 'node:url'

export interface TestStreamOptions {
  /** rtmp://host:port/live/<stream key> */
  url: string
  /** Stop after this many seconds of video; without it, until stop(). */
  seconds?: number
  /** Default 320x180, the cheapest to encode on a small machine. */
  size?: '320x180' | '640x360'
  /** Default false: ffmpeg's errors go nowhere; true: to this process's stderr (./wired stream). */
  verbose?: boolean
}

export interface TestStream {
  pid: number
  /** The exit code (null if killed by a signal) once ffmpeg exits. */
  exited: Promise<number | null>
  stop(): Promise<void>
  kill(): Promise<void>
}

export function testStreamArgs(options: TestStreamOptions): string[] {
  const size = options.size ?? '320x180'
  return [
    ...['-hide_banner', '-loglevel', options.verbose ? 'warning' : 'error', '-nostdin'],
    ...['-re', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30`],
    ...['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100'],
    ...(options.seconds ? ['-t', String(options.seconds)] : []),
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p'],
    ...['-g', '30', '-keyint_min', '30', '-b:v', '600k'],
    ...['-c:a', 'aac', '-b:a', '64k'],
    ...['-f', 'flv', options.url],
  ]
}

export async function startTestStream(options: TestStreamOptions): Promise<TestStream> {
  const child = spawn('ffmpeg', testStreamArgs(options), {
    stdio: ['ignore', 'ignore', options.verbose ? 'inherit' : 'ignore'],
  })
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code))
    child.once('error', () => resolve(-1))
  })
  await Promise.race([once(child, 'spawn'), exited])
  if (child.pid === undefined) throw new Error('ffmpeg could not start: is it installed?')
  const signal = async (name: NodeJS.Signals, graceMs: number) => {
    if (isRunning(child)) child.kill(name)
    const timer = setTimeout(() => isRunning(child) && child.kill('SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
  }
  return {
    pid: child.pid,
    exited,
    stop: () => signal('SIGINT', 5_000),
    kill: () => signal('SIGKILL', 0),
  }
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null

/** `./wired stream rtmp://<ingest>/live/<stream key>`: publish until Ctrl-C. */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.argv[2] ?? ''
  if (!/^rtmps?:\/\/[^/]+\/live\/[^/?#]+$/.test(url)) {
    console.error('usage: ./wired stream rtmp://<ingest host:port>/live/<stream key>')
    process.exit(2)
  }
  const stream = await startTestStream({ url, verbose: true })
  console.error(`[wired] publishing ffmpeg's test pattern and a 440 Hz tone to ${url} (Ctrl-C stops it)`)
  process.once('SIGINT', () => void stream.stop())
  process.once('SIGTERM', () => void stream.stop())
  const code = await stream.exited
  process.exit(code === 0 || code === 255 ? 0 : 1)
}
