export * from './company-mappings.js'
export * from './company-records.js'
