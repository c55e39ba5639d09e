import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, readList } from '@wired/runtime'
import { resolveInfra } from '@wired/testkit'
import type { LabOptions } from './lab'
import { type LabPlan, plans } from './plan'

/**
 * The lab's command line and environment, read in one place.
 *   pnpm lab                    full run
 *   pnpm lab -- --quick         under two minutes
 *   --out <dir>                 where the reports go (default apps/protocol-lab/reports)
 * KAFKA_BROKERS points at a broker; without it the lab asks @wired/testkit, which starts the
 * project's native Kafka on loopback. If neither works the Kafka row says NOT MEASURED.
 */
export interface LabCli {
  plan: LabPlan
  outDir: string
}

export const defaultReportDir = resolve(dirname(fileURLToPath(import.meta.url)), '../reports')

export function parseArgs(argv: string[]): LabCli {
  let plan = plans.full
  let outDir = defaultReportDir
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]
    if (arg === '--') continue
    else if (arg === '--quick') plan = plans.quick
    else if (arg === '--full') plan = plans.full
    else if (arg === '--smoke') plan = plans.smoke
    else if (arg === '--out') {
      const value = argv[++index]
      if (!value) throw new ConfigError('--out needs a directory')
      outDir = resolve(value)
    } else throw new ConfigError(`unknown option '${arg}'; use --quick, --full, --smoke or --out <dir>`)
  }
  return { plan, outDir }
}

export async function resolveKafka(env: Record<string, string | undefined>): Promise<LabOptions['kafka']> {
  const brokers = readList(env, 'KAFKA_BROKERS', { default: [] })
  if (brokers.length > 0) return { brokers }
  try {
    return { brokers: (await resolveInfra(['kafka'])).kafkaBrokers }
  } catch (error) {
    return {
      unavailable: `no Kafka broker: set KAFKA_BROKERS or run infra/native/start.sh (${String(error).split('\n')[0]})`,
    }
  }
}
