export * from './arbitraries.js'
export * from './contact-world.js'
export * from './owner-fixtures.js'
export * from './plan-cycle.js'
