export * from './catalogue'
export * from './server'
