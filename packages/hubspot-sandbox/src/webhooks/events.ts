/** A webhook event before delivery fills in eventId, subscriptionId, portalId, appId and attemptNumber. */
export interface PendingEvent {
  readonly subscriptionType: string
  readonly objectId: number
  readonly occurredAt: number
  readonly changeSource: string
  readonly sourceId?: string
  readonly changeFlag?: 'CREATED' | 'DELETED' | 'RESTORED'
  readonly propertyName?: string
  readonly propertyValue?: string
  readonly primaryObjectId?: number
  readonly mergedObjectIds?: readonly number[]
  readonly newObjectId?: number
  readonly numberOfPropertiesMoved?: number
  readonly associationType?: string
  readonly fromObjectId?: number
  readonly toObjectId?: number
  readonly associationRemoved?: boolean
  readonly isPrimaryAssociation?: boolean
}

/** Where the portal sends events; the dispatcher implements it, and drops events when unconfigured. */
export interface EventSink {
  emit(event: PendingEvent): void
}
