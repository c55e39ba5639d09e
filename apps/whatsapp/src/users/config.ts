import { type Env, readBool, readInt, readPort, readString, readUrl } from '@wired/runtime'

export interface UsersConfig {
  grpcHost: string
  grpcPort: number
  databaseUrl: string
  databaseSchema: string
  /** Create alice, bob, carol and dave (mutual contacts, a direct chat, a group) at start. */
  seedDemo: boolean
  databaseConnections: number
  logLevel: string
}

export function loadConfig(env: Env): UsersConfig {
  return {
    grpcHost: readString(env, 'GRPC_HOST', { default: '127.0.0.1' }),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50061 }),
    databaseUrl: readUrl(env, 'DATABASE_URL', { protocols: ['postgres', 'postgresql'] }),
    databaseSchema: readString(env, 'DATABASE_SCHEMA', { default: 'wa_users' }),
    seedDemo: readBool(env, 'SEED_DEMO', { default: false }),
    databaseConnections: readInt(env, 'DATABASE_CONNECTIONS', { default: 10, min: 1 }),
    logLevel: readString(env, 'LOG_LEVEL', { default: 'info' }),
  }
}
