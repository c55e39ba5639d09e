import { type Logger, pino } from 'pino'

export type { Logger }

/**
 * JSON logs on stdout (pino). LOG_LEVEL is read by the caller's config and passed in, keeping
 * this file free of env access. Tests pass level 'silent'.
 */
export function createLogger(name: string, level: string = 'info'): Logger {
  return pino({ name, level, base: { service: name } })
}

export const silentLogger: Logger = pino({ level: 'silent' })
