export {
  configuredCompanyMappings,
  configuredContactMappings,
  configuredDealMappings,
} from './configured-mappings.js'
export { connectionListItem, listConnections, syncedKindsOf } from './connection-list.js'
export { connectionStateReport, connectionStateView, SUSPENSION_TEXT } from './connection-state.js'
export {
  healthObjectKindOf,
  healthReportOf,
  healthRowView,
  type HealthSelection,
  healthSelectionOf,
  healthTypeFilterOf,
} from './health.js'
export { walkLinks } from './link-walk.js'
export { overviewOf } from './overview.js'
export {
  CARD_HISTORY_LIMIT,
  type CardDeps,
  mappingsOf,
  recordCardOf,
  recordLabel,
  type RecordRef,
} from './record-card.js'
export { isSide, isSyncedKind, salesforceTypeOfId } from './record-ids.js'
export { contactLinksByEmail, type SearchDeps, searchRecords } from './record-search.js'
export { recordStatusOf } from './record-status.js'
export { type CrmReaders, type LiveReadExtras, liveValues, type RecordValues } from './record-values.js'
export {
  errorCodesFor,
  erroredRecords,
  errorResyncBatches,
  ERRORS_RECORDED_WITH,
  recordResyncBatch,
  type ResyncBatch,
} from './resync-targets.js'
