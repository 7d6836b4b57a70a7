export * from './deal-records.js'
