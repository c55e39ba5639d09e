import { defineConfig } from 'vitest/config'

// Unit tests sit beside the code (src/**); test/** boots the scenario and drives it through its
// real protocols, once embedded (twins of Kafka and Redis, embedded PostgreSQL) and once against
// real Kafka, Redis and PostgreSQL with every service in its own process; CI runs the same files
// against the compose profile (WIRED_TEST_MODES=compose). Files run one at a time: each boots a
// whole system, and the machine has two cores.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
