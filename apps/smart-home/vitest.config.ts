import { configDefaults, defineConfig } from 'vitest/config'

// Unit tests sit beside the code (src/**); test/** boots the scenario and drives it through its
// real protocols, once embedded (twins + aedes) and once against real Kafka, Redis, PostgreSQL
// and Mosquitto with every service in its own process. Files run one at a time: each boots a
// whole system, and the machine has two cores.
// test/compose.test.ts drives a running compose profile: it belongs to the compose pass
// (WIRED_TEST_MODES=compose, infra/docker/compose-test.sh) and to no other.
const composePass = (process.env.WIRED_TEST_MODES ?? '').split(',').includes('compose')

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(composePass ? [] : ['test/compose.test.ts'])],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
