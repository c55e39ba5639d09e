import {
  type Env,
  readBindHost,
  readGrpcAddress,
  readGrpcSecret,
  readInt,
  readKafkaBrokers,
  readLogLevel,
  readPort,
  readServiceDatabase,
  readTopicPrefix,
} from '@wired/runtime'

export function loadConfig(env: Env) {
  return {
    bindHost: readBindHost(env),
    grpcPort: readPort(env, 'GRPC_PORT', { default: 50160 }),
    database: readServiceDatabase(env, 'amz_orders'),
    kafkaBrokers: readKafkaBrokers(env),
    topicPrefix: readTopicPrefix(env),
    inventoryAddress: readGrpcAddress(env, 'INVENTORY_GRPC_ADDRESS', '127.0.0.1:50161'),
    pricingAddress: readGrpcAddress(env, 'PRICING_GRPC_ADDRESS', '127.0.0.1:50162'),
    paymentAddress: readGrpcAddress(env, 'PAYMENT_GRPC_ADDRESS', '127.0.0.1:50163'),
    /** The payment call's deadline: past it the checkout fails and releases its stock. */
    paymentDeadlineMs: readInt(env, 'PAYMENT_DEADLINE_MS', { default: 1_500, min: 50 }),
    /** How long a checkout retries Reserve / Confirm while inventory is unreachable. */
    inventoryRetryMs: readInt(env, 'INVENTORY_RETRY_MS', { default: 6_000, min: 0 }),
    outboxPollMs: readInt(env, 'OUTBOX_POLL_MS', { default: 1_000, min: 50 }),
    grpcSecret: readGrpcSecret(env),
    logLevel: readLogLevel(env),
  }
}

export type OrdersConfig = ReturnType<typeof loadConfig>
