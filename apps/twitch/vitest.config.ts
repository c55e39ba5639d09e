import { configDefaults, defineConfig } from 'vitest/config'

// test/compose.test.ts is the compose pass's smoke subset; the other files cover the same ground
// embedded and on native infra, so it runs only when the compose pass asks for it.
const composePass = (process.env.WIRED_TEST_MODES ?? '').split(',').includes('compose')

// Unit tests sit beside the code (src/**); test/** boots the scenario and drives it through its
// real protocols, once embedded (twins of Kafka and Redis, embedded PostgreSQL) and once against
// real Kafka, Redis and PostgreSQL with every service in its own process; CI runs the same files
// against the compose profile (WIRED_TEST_MODES=compose). Files run one at a time: each boots a
// whole system, and the machine has two cores.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(composePass ? [] : ['test/compose.test.ts'])],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
