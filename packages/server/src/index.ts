export type * from './api-types.js'
export { type ConsoleServer, createConsoleServer } from './create-server.js'
export type { LiveFeed } from './live/live-feed.js'
export type { CycleLog, ServerContext } from './routes/route-types.js'
export type {
  ConfigFileAccess,
  ConsoleConnection,
  ConsoleServerDeps,
  CycleObserver,
  DemoHooks,
  HubSpotPropertyInfo,
} from './server-deps.js'
