export * from './error-codes.js'
export * from './retry-policy.js'
export * from './sync-error.js'
export * from './sync-health.js'
