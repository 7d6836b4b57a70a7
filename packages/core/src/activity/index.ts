export * from './activity-types.js'
export * from './plan-from-salesforce.js'
export * from './plan-timeline.js'
export * from './timeline-task.js'
