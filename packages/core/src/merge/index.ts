export * from './field-decision.js'
export * from './merge-field.js'
export * from './next-field-state.js'
