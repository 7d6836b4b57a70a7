export * from './link.js'
