export * from './cli-io.js'
export * from './config/index.js'
export * from './exit-codes.js'
export * from './program.js'
