export * from './create-owner.js'
export * from './owner-canonical.js'
export * from './owner-index.js'
export * from './owner-types.js'
