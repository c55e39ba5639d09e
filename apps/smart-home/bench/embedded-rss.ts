/**
 * Run as its own process by the bench: the embedded scenario with its 1,000 simulated devices,
 * nothing else in the process, and its resident memory after it settled (the figure the
 * project's 300 MB budget is about). Prints `rss=<MB>`.
 */
import { startEmbedded } from '../src/embedded'

const settleMs = Number(process.argv[2] ?? 15_000)
const running = await startEmbedded({ port: 0, logLevel: 'silent' })
await new Promise((resolve) => setTimeout(resolve, settleMs))
global.gc?.()
console.log(`rss=${Math.round(process.memoryUsage().rss / 1024 / 1024)}`)
await running.stop()
process.exit(0)
