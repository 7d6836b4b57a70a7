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
