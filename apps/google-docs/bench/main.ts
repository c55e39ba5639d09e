import type { RunMode } from '@wired/testkit'
import WebSocket from 'ws'
import { charLength } from '../src/shared/text-op'
import { WsEditor } from '../src/simulator/clients/ws-editor'
import { bootDocs, sharedDocument } from '../test/support/system'
import { startBareBroadcast } from './bare-ws'
import { percentiles, round } from './stats'

/**
 * `pnpm --filter @wired/google-docs bench`: 20 editors on one document, half on each replica.
 *   1. op → remote editor latency at a steady typing rate (target p99 < 50 ms), beside a bare
 *      `ws` broadcast server measured in the same run at the same rate;
 *   2. ops/s one document sustains with every editor typing as fast as its acks allow.
 * On native infra when KAFKA_BROKERS is set (every service its own process), else embedded.
 * BENCH_QUICK=1 shortens every phase.
 */
const quick = process.env.BENCH_QUICK === '1'
const mode = (process.env.BENCH_MODE ?? (process.env.KAFKA_BROKERS ? 'real' : 'embedded')) as RunMode
const EDITORS = 20
const RATE_PER_EDITOR = 5 // ops per second: 100 ops/s on the document, a busy meeting's worth
const SECONDS = quick ? 4 : 10
const ms = (value: number) => `${round(value)} ms`
const sleep = (msValue: number) => new Promise((resolve) => setTimeout(resolve, msValue))

const system = await bootDocs(mode, {
  env: { LOG_LEVEL: 'warn', RATE_LIMIT_PER_SECOND: '10000', RATE_LIMIT_PER_MINUTE: '10000000' },
})
try {
  console.log(`Google Docs benchmark (${quick ? 'quick' : 'full'}, ${mode}): ${EDITORS} editors on one document\n`)
  const { owner, docId, users } = await sharedDocument(system, Array(EDITORS - 1).fill('editor'))
  const sessions = [owner, ...users]
  const editors = await Promise.all(
    sessions.map((s, i) => WsEditor.open([i % 2 === 0 ? system.collabA : system.collabB], s.token, docId)),
  )
  // Each op inserts a token naming it; a remote editor that applies it records when.
  const sentAt = new Map<string, number>()
  const latencies: number[] = []
  for (const editor of editors)
    editor.onRemote = (applied) => {
      for (const c of applied.op)
        if (typeof c === 'string')
          for (const token of c.match(/⟨\d+⟩/g) ?? []) {
            const at = sentAt.get(token)
            if (at !== undefined) latencies.push(performance.now() - at)
          }
    }
  let next = 0
  const typeOne = (editor: WsEditor) => {
    next += 1
    const token = `⟨${next}⟩`
    sentAt.set(token, performance.now())
    const length = charLength(editor.text)
    editor.edit(
      length > 2_000
        ? [Math.floor(Math.random() * (length - 20)), { d: 12 }, token]
        : [Math.floor(Math.random() * (length + 1)), token],
    )
  }

  console.log(
    `1. op → remote editor, ${EDITORS} editors × ${RATE_PER_EDITOR} ops/s for ${SECONDS} s (target p99 < 50 ms)`,
  )
  const warmUntil = performance.now() + 2_000
  while (performance.now() < warmUntil) {
    typeOne(editors[Math.floor(Math.random() * EDITORS)]!)
    await sleep(1_000 / (EDITORS * RATE_PER_EDITOR))
  }
  await Promise.all(editors.map((e) => e.settled()))
  latencies.length = 0
  const end = performance.now() + SECONDS * 1_000
  let i = 0
  while (performance.now() < end) {
    typeOne(editors[i++ % EDITORS]!)
    await sleep(1_000 / (EDITORS * RATE_PER_EDITOR))
  }
  await Promise.all(editors.map((e) => e.settled(() => true, 60_000)))
  const scenario = percentiles(latencies)
  const texts = new Set(editors.map((e) => e.text))
  console.log(
    `   scenario: p50 ${ms(scenario.p50)} · p99 ${ms(scenario.p99)} · max ${ms(scenario.max)} · ${scenario.n} deliveries · converged: ${texts.size === 1}`,
  )

  const bare = await startBareBroadcast()
  const sockets = await Promise.all(
    editors.map(
      () =>
        new Promise<WebSocket>((resolve) => {
          const socket = new WebSocket(bare.url)
          socket.once('open', () => resolve(socket))
        }),
    ),
  )
  const bareLatencies: number[] = []
  for (const socket of sockets)
    socket.on('message', (data) => bareLatencies.push(performance.now() - Number(JSON.parse(data.toString()).at)))
  const bareEnd = performance.now() + SECONDS * 1_000
  let j = 0
  while (performance.now() < bareEnd) {
    sockets[j++ % EDITORS]!.send(JSON.stringify({ type: 'op', op: [3, 'x'], at: performance.now() }))
    await sleep(1_000 / (EDITORS * RATE_PER_EDITOR))
  }
  await sleep(300)
  const baseline = percentiles(bareLatencies)
  console.log(
    `   bare ws broadcast: p50 ${ms(baseline.p50)} · p99 ${ms(baseline.p99)} · max ${ms(baseline.max)} · ${baseline.n} deliveries\n`,
  )
  for (const socket of sockets) socket.terminate()
  await bare.stop()

  console.log(`2. ops/s on one document: ${EDITORS} editors, each typing again as soon as its last op is acknowledged`)
  const startRevision = editors[0]!.revision
  const burstEnd = performance.now() + (quick ? 3_000 : 8_000)
  const started = performance.now()
  await Promise.all(
    editors.map(async (editor) => {
      while (performance.now() < burstEnd) {
        typeOne(editor)
        await editor.settled(() => true, 30_000)
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1_000
  await Promise.all(editors.map((e) => e.settled(() => e.revision === editors[0]!.revision, 30_000)))
  const applied = editors[0]!.revision - startRevision
  console.log(
    `   ${applied} ops in ${round(elapsed)} s = ${round(applied / elapsed, 0)} ops/s per document · converged: ${new Set(editors.map((e) => e.text)).size === 1}\n`,
  )
  for (const editor of editors) editor.close()
  console.log('Measured on a 2-core machine shared with other work: treat the figures as a floor.')
} finally {
  await system.stop()
}
