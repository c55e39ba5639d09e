export * from './acl'
export * from './broker'
export * from './client'
export * from './topics'
