export * from './config/index.js'
export * from './errors/index.js'
export * from './model/index.js'
export * from './ports/index.js'
