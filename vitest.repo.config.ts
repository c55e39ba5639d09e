import { defineConfig } from 'vitest/config'

// Root-level checks of the repository itself (layering rules, compose file). Each package and
// scenario runs its own suite through turbo.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 },
})
