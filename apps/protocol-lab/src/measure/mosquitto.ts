import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startPrivateMosquitto } from '@wired/testkit'

export interface Mosquitto {
  port: number
  stop(): Promise<void>
}

/**
 * A private Mosquitto for the lab: anonymous, no persistence, on a reserved loopback port,
 * started and stopped by the lab (never the shared one other tools may be using).
 */
export async function startMosquitto(binary: string): Promise<Mosquitto> {
  const broker = await startPrivateMosquitto(
    ({ port, dir }) => {
      const config = join(dir, 'mosquitto.conf')
      writeFileSync(
        config,
        [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest none', ''].join('\n'),
      )
      return config
    },
    { binary },
  )
  return { port: broker.port, stop: broker.stop }
}
