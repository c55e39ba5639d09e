/**
 * The env of every benchmark boot. The per-connection limit protects a gateway from one abusive
 * client; a load generator is many clients funnelled through few sockets, so it gets a generous one.
 */
export const BENCH_ENV: Record<string, string> = {
  RATE_LIMIT_PER_SECOND: '100000',
  RATE_LIMIT_PER_MINUTE: '1000000',
  LOG_LEVEL: 'warn',
  DATABASE_CONNECTIONS: '10',
}
