export * from './activity-ports.js'
export * from './hubspot-connector.js'
export * from './salesforce-connector.js'
export * from './state-store.js'
