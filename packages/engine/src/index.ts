export { createEngine } from './create-engine.js'
export type {
  Clock,
  Engine,
  EngineDeps,
  EngineLogger,
  EngineOptions,
  PlannedAction,
  RecordErrorSummary,
  SideCounts,
  SyncSummary,
} from './engine-types.js'
export { readOwners } from './owners/read-owners.js'
export type { DisconnectReport, OwnerReportRow } from './run/connection-control.js'
export { describeSuspension } from './run/connection-life.js'
export {
  type InProcessRuntime,
  type InProcessRuntimeOptions,
  startInProcessRuntime,
} from './runtime/in-process-runtime.js'
export { ENGINE_DEFAULTS, salesforceRetryStopAt } from './setup.js'
export {
  type IntegrationUserChange,
  integrationUserChange,
  preflight,
  type PreflightInput,
  readSetup,
  type SetupInput,
  type SetupReport,
} from './setup-checks/preflight.js'
