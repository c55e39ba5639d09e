export * from './browser'
export * from './infra'
export * from './modes'
export * from './wait'
