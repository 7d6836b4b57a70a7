import { DEFAULT_OWNER_PEOPLE, SALES_TEAM } from './owners.js'

/** A user of the portal as `GET /settings/v3/users/{id}` shows it (api-surface.md 3.6). */
export interface PortalUser {
  readonly id: string
  readonly email: string
  readonly firstName: string
  readonly lastName: string
  /** Role ids; a super admin has account-level admin rights whatever the roles say. */
  roleIds: string[]
  readonly primaryTeamId?: string
  /** Account-level admin access ("Super Admin"), which connecting the integration needs (B-INST-2). */
  superAdmin: boolean
}

/** The user who installed the integration's app; every token acts as this user unless told otherwise. */
export const INTEGRATION_USER_ID = '9000000'
export const INTEGRATION_USER_EMAIL = 'integration@acme-demo.com'

/** The role a non-admin sales rep has; only a name, since the sandbox does not enforce per-tool permissions. */
export const SALES_ROLE_ID = '1000001'

/** The integration user (a super admin unless `init` says otherwise) and one user per default owner. */
export function defaultUsers(
  init: { readonly email?: string; readonly superAdmin?: boolean; readonly roleIds?: readonly string[] } = {},
): PortalUser[] {
  const integration: PortalUser = {
    id: INTEGRATION_USER_ID,
    email: init.email ?? INTEGRATION_USER_EMAIL,
    firstName: 'Integration',
    lastName: 'User',
    roleIds: [...(init.roleIds ?? [])],
    superAdmin: init.superAdmin ?? true,
  }
  const reps = DEFAULT_OWNER_PEOPLE.map(([firstName, lastName], index): PortalUser => ({
    // The owners' userIds (owners.ts), so an owner's user can be looked up.
    id: String(9_000_001 + index),
    email: `${firstName}.${lastName}@acme-demo.com`.toLowerCase(),
    firstName,
    lastName,
    roleIds: [SALES_ROLE_ID],
    primaryTeamId: SALES_TEAM.id,
    superAdmin: false,
  }))
  return [integration, ...reps]
}

export function toUserJson(user: PortalUser): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    roleIds: user.roleIds,
    ...(user.primaryTeamId === undefined ? {} : { primaryTeamId: user.primaryTeamId }),
    superAdmin: user.superAdmin,
  }
}
