import { execFileSync } from 'node:child_process'

/**
 * Can this machine impair loopback traffic in the kernel? The clean way is `tc qdisc ... netem`
 * on the loopback of a private network namespace (so nothing else on the machine is touched).
 * It needs root, iproute2 and the sch_netem kernel module; containers often lack the module.
 * The lab reports the answer and, when the answer is no, uses its userspace shim instead.
 */
export interface NetemProbe {
  available: boolean
  detail: string
}

export function probeNetem(): NetemProbe {
  if (process.getuid?.() !== 0) return { available: false, detail: 'not root: cannot create a network namespace' }
  const namespace = `wired-lab-probe-${process.pid}`
  const run = (args: string[]) => execFileSync(args[0] as string, args.slice(1), { stdio: 'pipe', timeout: 5_000 })
  try {
    run(['ip', 'netns', 'add', namespace])
  } catch (error) {
    return { available: false, detail: `ip netns add failed: ${firstLine(error)}` }
  }
  try {
    run(['ip', 'netns', 'exec', namespace, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'loss', '1%'])
    return { available: true, detail: 'tc netem works in a network namespace' }
  } catch (error) {
    return { available: false, detail: `tc netem in a network namespace failed: ${firstLine(error)}` }
  } finally {
    try {
      run(['ip', 'netns', 'del', namespace])
    } catch {
      // Nothing to clean if the namespace is already gone.
    }
  }
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim()
  return (stderr || String(error)).split('\n')[0] ?? 'unknown error'
}
