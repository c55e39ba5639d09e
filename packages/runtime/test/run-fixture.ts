// A service that takes a second to stop after its first signal: what run() does meanwhile is under test.
import { run, untilAborted } from '../src/run'

run(async (signal) => {
  const server = setInterval(() => {}, 1_000) // stands in for a listening socket: keeps the process alive
  console.log('ready')
  await untilAborted(signal)
  await new Promise((resolve) => setTimeout(resolve, 1_000))
  clearInterval(server)
})
