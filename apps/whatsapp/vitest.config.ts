import { defineConfig } from 'vitest/config'

// Unit tests sit beside the code (src/**, web/**); test/** boots the scenario and drives it
// through its real protocols, once embedded and once against real Kafka, Redis and PostgreSQL.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // crash.test.ts runs in real mode only; WIRED_TEST_MODES=embedded leaves it without tests.
    passWithNoTests: true,
    // Each file boots a whole system; two at once on two cores only makes both slower.
    fileParallelism: false,
  },
})
