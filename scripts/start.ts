/**
 * `pnpm start`            serves the hub page listing the scenarios.
 * `pnpm start <scenario>` boots that scenario in embedded mode and prints the URLs to open;
 *                         Ctrl-C stops everything it started.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConfigError, readPort, run, untilAborted } from '@wired/runtime'
import { renderHubPage } from './hub-page'
import { embeddedEntry, isRunnable, repoRoot, SCENARIOS } from './scenarios'

interface EmbeddedScenario {
  startEmbedded(options?: { port?: number }): Promise<{ urls: Record<string, string>; stop(): Promise<void> }>
}

async function startScenario(name: string, signal: AbortSignal) {
  if (!SCENARIOS.some((s) => s.name === name) && !isRunnable(name))
    throw new ConfigError(`unknown scenario '${name}' (one of: ${SCENARIOS.map((s) => s.name).join(', ')})`)
  if (!isRunnable(name)) throw new ConfigError(`scenario '${name}' is planned but not built yet`)
  const port = readPort(process.env, 'PORT', { default: 0 })
  const scenario = (await import(pathToFileURL(embeddedEntry(name)).href)) as EmbeddedScenario
  const running = await scenario.startEmbedded(port ? { port } : {})
  console.log(`\n${name} is running (embedded mode). Open:`)
  for (const [what, url] of Object.entries(running.urls)) console.log(`  ${what.padEnd(14)} ${url}`)
  console.log('\nCtrl-C stops it.')
  await untilAborted(signal)
  console.log(`stopping ${name}...`)
  await running.stop()
}

async function serveHub(signal: AbortSignal) {
  const port = readPort(process.env, 'PORT', { default: 8080 })
  const server = createServer((req, res) => {
    const match = /^\/scenarios\/([a-z-]+)$/.exec(req.url ?? '')
    if (match?.[1] && isRunnable(match[1])) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(readFileSync(resolve(repoRoot, 'apps', match[1], 'README.md'), 'utf8'))
      return
    }
    if (req.url !== '/') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderHubPage())
  })
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok))
  const address = server.address()
  console.log(`Wired hub: http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}/`)
  await untilAborted(signal)
  await new Promise((done) => server.close(done))
}

run(async (signal) => {
  const name = process.argv.slice(2).find((arg) => arg !== '--')
  if (name) await startScenario(name, signal)
  else await serveHub(signal)
})
