export * from './app-error'
export * from './config'
export * from './logger'
export * from './run'
