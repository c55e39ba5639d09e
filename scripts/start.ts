/**
 * `pnpm start`            serves the hub (apps/hub): scenario cards, study pages, decide, lab.
 * `pnpm start <scenario>` boots that scenario in embedded mode and prints the URLs to open;
 *                         Ctrl-C stops everything it started.
 * PORT picks the port (default 8080; a scenario's other public listeners take the next ones);
 * PORT=0 takes any free port, and the URLs printed are the ones actually bound.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isRunnable, repoRoot, SCENARIOS, startHub } from '@wired/hub'
import { ConfigError, readPort, run, untilAborted } from '@wired/runtime'
import { addressInUse, explainPortInUse } from './port-in-use'

interface EmbeddedScenario {
  startEmbedded(options?: { port?: number }): Promise<{ urls: Record<string, string>; stop(): Promise<void> }>
}

async function startScenario(name: string, signal: AbortSignal) {
  if (!SCENARIOS.some((s) => s.name === name) && !isRunnable(name))
    throw new ConfigError(`unknown scenario '${name}' (one of: ${SCENARIOS.map((s) => s.name).join(', ')})`)
  if (!isRunnable(name)) throw new ConfigError(`scenario '${name}' is planned but not built yet`)
  const port = readPort(process.env, 'PORT', { default: 8080 })
  const entry = resolve(repoRoot, 'apps', name, 'src/embedded.ts')
  const scenario = (await import(pathToFileURL(entry).href)) as EmbeddedScenario
  const running = await scenario.startEmbedded({ port })
  console.log(`\n${name} is running (embedded mode). Open:`)
  for (const [what, url] of Object.entries(running.urls)) console.log(`  ${what.padEnd(22)} ${url}`)
  console.log('\nCtrl-C stops it.')
  await untilAborted(signal)
  console.log(`stopping ${name}...`)
  await running.stop()
}

async function serveHub(signal: AbortSignal) {
  const hub = await startHub({ port: readPort(process.env, 'PORT', { default: 8080 }) })
  console.log(`Wired hub: ${hub.url}`)
  await untilAborted(signal)
  await hub.close()
}

run(async (signal) => {
  const name = process.argv.slice(2).find((arg) => arg !== '--')
  try {
    if (name) await startScenario(name, signal)
    else await serveHub(signal)
  } catch (error) {
    // A taken port is the one failure every reader meets: say which, by whom, and what to do.
    const inUse = addressInUse(error)
    throw inUse ? new ConfigError(explainPortInUse(inUse)) : error
  }
})
