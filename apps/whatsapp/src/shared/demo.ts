/**
 * The demo cast (seeded when SEED_DEMO=true, as `./wired start` and compose do) and their
 * password. Public on purpose: the page signs them in with one click, so two tabs can chat at
 * once. Every other account is protected by the password its owner chose. A real deployment
 * leaves SEED_DEMO off.
 */
export const DEMO_HANDLES = ['alice', 'bob', 'carol', 'dave'] as const
export const DEMO_PASSWORD = 'demo-password'
