export * from './hubspot-access.js'
export * from './setup-checks.js'
