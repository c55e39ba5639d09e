import { randomBytes } from 'node:crypto'

/**
 * The secrets every service of a scenario shares, made fresh for each run (`./wired start`, test
 * boots), so no fixed value exists to leak or to be reused elsewhere. Compose generates its own on
 * first start (infra/docker/secrets.sh) and hands them over as files.
 */
export function runSecrets(): Record<string, string> {
  return { GRPC_SECRET: randomBytes(32).toString('base64url') }
}
