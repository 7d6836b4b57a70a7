/** A Salesforce user or queue that can own records (B-OWN-1: Standard, PowerPartner, Guest, Queue). */
export interface SalesforceOwner {
  readonly id: string
  readonly kind: 'user' | 'queue'
  /** Empty for queues. */
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  /** Inactive users still flow to HubSpot, but never match an HS owner (B-OWN-3). */
  readonly isActive: boolean
  /**
   * The HubSpot owner this user or queue flows to, when it is known otherwise than by matching (B-OWN-1).
   * (Default: a user matches by name and email, a queue by its email alone; see owner-index.ts)
   */
  readonly hubspotOwnerId?: string | undefined
}

export interface HubSpotOwner {
  readonly id: string
  readonly firstName: string
  readonly lastName: string
  readonly email: string
}

/** The owners of one connection, read in pass 1 of a cycle (design.md 3.4). */
export interface OwnersTable {
  readonly salesforce: readonly SalesforceOwner[]
  readonly hubspot: readonly HubSpotOwner[]
  /** The Salesforce user whose token the engine uses; it owns what nobody else does (B-OWN-8/10/11). */
  readonly integrationUserId: string
}
