// The console's editor of the configuration file, also used by `crmsync doctor --fix` (one implementation).
export * from './check-mapping-change.js'
export * from './config-document.js'
export * from './edit-config-file.js'
export * from './field-types.js'
export * from './mapped-objects.js'
export * from './mapping-entries.js'
export * from './mapping-table.js'
export * from './settings-edit.js'
