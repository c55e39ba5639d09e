export * from './datagram'
export * from './events'
export * from './frames'
