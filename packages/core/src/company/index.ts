export * from './company-records.js'
