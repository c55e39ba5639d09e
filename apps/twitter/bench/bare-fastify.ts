import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * The baseline: bare fastify in its own process answering GET /v1/feed with a fixed body the
 * size of a real feed page, no auth, no Redis, no gRPC. The gap between it and the scenario's
 * feed is what the feed's own work costs.
 */
export async function startBareFastify(body: string): Promise<{ url: string; stop(): void }> {
  const child = fork(fileURLToPath(new URL('./bare-fastify-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BODY_BYTES: String(Buffer.byteLength(body)) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port))
    child.once('exit', (code) => reject(new Error(`bare fastify exited with ${code}`)))
  })
  return { url: `http://127.0.0.1:${port}/v1/feed`, stop: () => child.kill() }
}
