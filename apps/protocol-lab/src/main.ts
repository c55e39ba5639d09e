import { run } from '@wired/runtime'
import { findMosquitto } from '@wired/testkit'
import { parseArgs, resolveKafka } from './config'
import { runLab } from './lab'
import { consoleReport } from './report/console'
import { writeReport } from './report/write'
import { judgeAll } from './verdicts'

/** `pnpm lab [-- --quick]`: measure, print the tables, write the HTML and JSON reports. */
run(async () => {
  const cli = parseArgs(process.argv.slice(2))
  const started = performance.now()
  const log = (line: string) => console.error(`[lab ${((performance.now() - started) / 1000).toFixed(1)}s] ${line}`)
  log(`plan: ${cli.plan.name}`)
  const kafka = await resolveKafka(process.env)
  if ('unavailable' in kafka) log(`KAFKA NOT AVAILABLE: ${kafka.unavailable}`)
  const results = await runLab(cli.plan, { kafka, mosquitto: findMosquitto(), log })
  const claims = judgeAll(results)
  console.log(consoleReport(results, claims))
  const written = writeReport(cli.outDir, results, claims)
  console.log(`\nreports: ${written.html}\n         ${written.json}`)
  log('done')
})
