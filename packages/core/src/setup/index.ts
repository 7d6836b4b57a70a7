export * from './setup-checks.js'
export * from './hubspot-access.js'
