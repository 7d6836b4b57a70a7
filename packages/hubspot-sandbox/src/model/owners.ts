/** A HubSpot owner (api-surface.md 3.6). Record ownership is `hubspot_owner_id` = `id`. */
export interface Owner {
  readonly id: string
  readonly email: string
  readonly firstName: string
  readonly lastName: string
  readonly userId: number
  archived: boolean
  readonly createdAt: number
  updatedAt: number
}

/**
 * The people both sandboxes share (design.md 4.3): five sales reps who are Salesforce users too, one owner
 * with no Salesforce user (Farah Solberg), one whose Salesforce user is inactive (Gustav Reyes). The
 * Salesforce sandbox's users carry the same first name, last name and email.
 */
export const DEFAULT_OWNER_PEOPLE: ReadonlyArray<readonly [string, string]> = [
  ['Avery', 'Lindqvist'],
  ['Bjorn', 'Nakamura'],
  ['Camila', 'Okafor'],
  ['Dmitri', 'Haugen'],
  ['Esther', 'Moreau'],
  ['Farah', 'Solberg'],
  ['Gustav', 'Reyes'],
]

export const SALES_TEAM = { id: '4100001', name: 'Sales' } as const

/** The default owners, with fixed ids so seeds and tests can name them. */
export function defaultOwners(createdAt: number): Owner[] {
  return DEFAULT_OWNER_PEOPLE.map(([firstName, lastName], index) => ({
    id: String(70_000_001 + index),
    email: `${firstName}.${lastName}@acme-demo.com`.toLowerCase(),
    firstName,
    lastName,
    userId: 9_000_001 + index,
    archived: false,
    createdAt,
    updatedAt: createdAt,
  }))
}

export function toOwnerJson(owner: Owner): Record<string, unknown> {
  return {
    id: owner.id,
    email: owner.email,
    type: 'PERSON',
    firstName: owner.firstName,
    lastName: owner.lastName,
    userId: owner.archived ? null : owner.userId,
    userIdIncludingInactive: owner.userId,
    createdAt: new Date(owner.createdAt).toISOString(),
    updatedAt: new Date(owner.updatedAt).toISOString(),
    archived: owner.archived,
    teams: [{ id: SALES_TEAM.id, name: SALES_TEAM.name, primary: true }],
  }
}
