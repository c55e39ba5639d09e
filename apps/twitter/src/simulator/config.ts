import { type Env, readGrpcAddress, readGrpcSecret, readInt, readLogLevel, readString, readUrl } from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    logLevel: readLogLevel(env),
    databaseUrl: readUrl(env, 'DATABASE_URL', { protocols: ['postgres', 'postgresql'] }),
    usersAddress: readGrpcAddress(env, 'USERS_GRPC_ADDRESS', '127.0.0.1:50071'),
    postsAddress: readGrpcAddress(env, 'POSTS_GRPC_ADDRESS', '127.0.0.1:50072'),
    likesAddress: readGrpcAddress(env, 'LIKES_GRPC_ADDRESS', '127.0.0.1:50073'),
    grpcSecret: readGrpcSecret(env),
    users: readInt(env, 'SIM_USERS', { default: 2_000, min: 10, max: 200_000 }),
    followsPerUser: readInt(env, 'SIM_FOLLOWS_PER_USER', { default: 100, min: 1, max: 1_000 }),
    activityEveryMs: readInt(env, 'SIM_ACTIVITY_EVERY_MS', { default: 1_500, min: 0 }),
    password: readString(env, 'SIM_PASSWORD', { default: 'seeded-reader' }),
  }
}
