import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * A benchmark's baseline: bare fastify in its own process answering `method path` with a fixed
 * JSON body of `responseBytes`, no auth, no Redis, no gRPC (a POST's body is parsed and dropped).
 * The gap between it and a scenario's route is what the route's own work costs.
 */
export async function startBareFastify(options: {
  method: 'GET' | 'POST'
  path: string
  responseBytes: number
}): Promise<{ url: string; stop(): void }> {
  const child = fork(fileURLToPath(new URL('./bare-fastify-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BARE_METHOD: options.method,
      BARE_PATH: options.path,
      BODY_BYTES: String(options.responseBytes),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port))
    child.once('exit', (code) => reject(new Error(`bare fastify exited with ${code}`)))
  })
  return { url: `http://127.0.0.1:${port}${options.path}`, stop: () => child.kill() }
}
