export * from './setup-checks.js'
