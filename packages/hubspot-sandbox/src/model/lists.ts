export type ProcessingType = 'MANUAL' | 'DYNAMIC' | 'SNAPSHOT'

/** A Lists v3 list (api-surface.md 3.9 and 8.2). */
export interface HsList {
  readonly listId: string
  name: string
  readonly objectTypeId: string
  readonly processingType: ProcessingType
  listVersion: number
  /** The DYNAMIC list's filters, stored as sent. */
  filterBranch: unknown
  filtersUpdatedAt: number
  readonly createdAt: number
  updatedAt: number
  /** Before this time the list reports PROCESSING (the listProcessingDelayMs knob). */
  readyAt: number
  deletedAt: number | undefined
  /** The listVersion whose filters `members` reflects (0: never evaluated); writes then keep it current. */
  evaluatedVersion: number
  /** Record id → the time it joined the list. */
  readonly members: Map<number, number>
}

export function toListJson(list: HsList, now: number, includeFilters: boolean): Record<string, unknown> {
  return {
    listId: list.listId,
    name: list.name,
    objectTypeId: list.objectTypeId,
    processingType: list.processingType,
    processingStatus: now < list.readyAt ? 'PROCESSING' : 'COMPLETE',
    listVersion: list.listVersion,
    size: list.members.size,
    ...(includeFilters && list.filterBranch !== undefined ? { filterBranch: list.filterBranch } : {}),
    filtersUpdatedAt: new Date(list.filtersUpdatedAt).toISOString(),
    createdAt: new Date(list.createdAt).toISOString(),
    updatedAt: new Date(list.updatedAt).toISOString(),
    createdById: '9000001',
    updatedById: '9000001',
    ...(list.deletedAt === undefined ? {} : { deletedAt: new Date(list.deletedAt).toISOString() }),
  }
}
