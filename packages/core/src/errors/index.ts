export * from './error-codes.js'
export * from './sync-error.js'
