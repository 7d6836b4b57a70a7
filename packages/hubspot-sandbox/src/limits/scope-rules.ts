import { HubSpotError } from '../http/errors.js'
import { findObjectType, type ObjectTypeName } from '../model/object-types.js'

type Access = 'read' | 'write'

/** The object scope family of a CRM object type; engagements need the contacts scopes, as HubSpot's do. */
const OBJECT_SCOPES: Partial<Record<ObjectTypeName, string>> = {
  contacts: 'crm.objects.contacts',
  companies: 'crm.objects.companies',
  deals: 'crm.objects.deals',
  tasks: 'crm.objects.contacts',
  notes: 'crm.objects.contacts',
  meetings: 'crm.objects.contacts',
  calls: 'crm.objects.contacts',
  emails: 'crm.objects.contacts',
}

/** Schema (property) scopes exist for contacts, companies and deals; other objects go by their object scope. */
const SCHEMA_SCOPES: Partial<Record<ObjectTypeName, string>> = {
  contacts: 'crm.schemas.contacts',
  companies: 'crm.schemas.companies',
  deals: 'crm.schemas.deals',
}

function objectScope(segment: string | undefined, access: Access): string[] | undefined {
  const info = findObjectType(segment ?? '')
  if (info === undefined) return undefined
  const family = OBJECT_SCOPES[info.name]
  return family === undefined ? undefined : [`${family}.${access}`]
}

function schemaScope(segment: string | undefined, access: Access): string[] | undefined {
  const info = findObjectType(segment ?? '')
  if (info === undefined) return undefined
  const family = SCHEMA_SCOPES[info.name]
  return family === undefined ? objectScope(segment, access) : [`${family}.${access}`]
}

/** POSTs that only read: search, batch reads, list search. */
function isReadPost(path: string): boolean {
  return /\/(search|batch\/read|unsubscribe-all\/read)\/?$/.test(path)
}

/**
 * The scopes an API call needs, any one of which is enough (HubSpot: "One or more of the following scopes are
 * required."); undefined for a call no scope guards (account info, OAuth, webhook management). Reads need the
 * `.read` scope, writes the `.write` one, as the private-app scope screen grants them.
 */
export function requiredScopes(method: string, path: string): string[] | undefined {
  const access: Access = method === 'GET' || (method === 'POST' && isReadPost(path)) ? 'read' : 'write'
  const parts = path.split('/').filter((part) => part !== '')
  const [area, version, kind, segment] = parts
  if (area === 'crm') {
    if (kind === 'objects') return objectScope(segment, access)
    if (kind === 'associations') return objectScope(segment, access)
    if (kind === 'properties') return schemaScope(segment, access)
    if (kind === 'owners') return ['crm.objects.owners.read']
    if (kind === 'lists') return [`crm.lists.${access}`]
    // Deal pipelines go with the deal scopes; ticket pipelines with the tickets scope.
    if (kind === 'pipelines') return objectScope(segment, access)
    return undefined
  }
  if (area === 'communication-preferences')
    return ['communication_preferences.read_write', `communication_preferences.${access}`]
  if (area === 'email' && version === 'public') return ['content']
  if (area === 'marketing' && kind === 'forms') return ['forms']
  if (area === 'form-integrations') return ['forms']
  if (area === 'submissions') return ['forms']
  if (area === 'settings' && kind === 'users') return [`settings.users.${access}`]
  return undefined
}

/** HubSpot's 403 for a token without the scope a call needs (api-surface.md 3.1 and 3.13). */
export function missingScopesError(required: readonly string[]): HubSpotError {
  return new HubSpotError({
    status: 403,
    category: 'MISSING_SCOPES',
    message:
      "This app hasn't been granted all required scopes to make this call. Read more about required scopes " +
      'here: https://developers.hubspot.com/scopes.',
    extra: {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: [...required] },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    },
  })
}
