import { type Env, readInt, readPort, readString, readUrl } from '@wired/runtime'

export interface NotificationConfig {
  grpcHost: string
  grpcPort: number
  databaseUrl: string
  databaseSchema: string
  databaseConnections: number
  logLevel: string
}

export function loadConfig(env: Env): NotificationConfig {
  return {
    grpcHost: readString(env, 'GRPC_HOST', { default: '127.0.0.1' }),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50063 }),
    databaseUrl: readUrl(env, 'DATABASE_URL', { protocols: ['postgres', 'postgresql'] }),
    databaseSchema: readString(env, 'DATABASE_SCHEMA', { default: 'wa_notifications' }),
    databaseConnections: readInt(env, 'DATABASE_CONNECTIONS', { default: 5, min: 1 }),
    logLevel: readString(env, 'LOG_LEVEL', { default: 'info' }),
  }
}
