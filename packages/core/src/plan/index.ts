export * from './contact-actions.js'
export * from './plan-contacts.js'
export * from './plan-types.js'
export * from './skip-reasons.js'
