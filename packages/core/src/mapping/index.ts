export * from './contact-mappings.js'
export * from './mapping-types.js'
export * from './type-pairs.js'
export * from './validate-mappings.js'
