import { notFound } from '../http/errors.js'

/** What the sandbox knows about one CRM object type (api-surface.md 3.2 and 3.12). */
export interface ObjectTypeInfo {
  /** The plural path name, e.g. `contacts`. */
  readonly name: ObjectTypeName
  /** HubSpot's object type id, e.g. `0-1`. */
  readonly typeId: string
  /** Singular name used by webhooks (`contact.creation`) and association type names. */
  readonly singular: string
  /** The property holding the creation time. */
  readonly createdProperty: string
  /** The property holding the last-modified time (contacts differ from everything else). */
  readonly lastModifiedProperty: string
  /** Properties returned when a read names none. */
  readonly defaultProperties: readonly string[]
  /** Properties matched by a search `query` string. */
  readonly queryProperties: readonly string[]
}

export const OBJECT_TYPE_NAMES = [
  'contacts',
  'companies',
  'deals',
  'tasks',
  'notes',
  'meetings',
  'calls',
  'emails',
] as const
export type ObjectTypeName = (typeof OBJECT_TYPE_NAMES)[number]

const engagement = (
  name: ObjectTypeName,
  typeId: string,
  singular: string,
  extra: string[],
): ObjectTypeInfo => ({
  name,
  typeId,
  singular,
  createdProperty: 'hs_createdate',
  lastModifiedProperty: 'hs_lastmodifieddate',
  defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', ...extra],
  queryProperties: extra,
})

export const OBJECT_TYPES: Readonly<Record<ObjectTypeName, ObjectTypeInfo>> = {
  contacts: {
    name: 'contacts',
    typeId: '0-1',
    singular: 'contact',
    createdProperty: 'createdate',
    lastModifiedProperty: 'lastmodifieddate',
    defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    queryProperties: ['email', 'firstname', 'lastname', 'phone', 'company'],
  },
  companies: {
    name: 'companies',
    typeId: '0-2',
    singular: 'company',
    createdProperty: 'createdate',
    lastModifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    queryProperties: ['name', 'domain', 'phone', 'website'],
  },
  deals: {
    name: 'deals',
    typeId: '0-3',
    singular: 'deal',
    createdProperty: 'createdate',
    lastModifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: [
      'amount',
      'closedate',
      'createdate',
      'dealname',
      'dealstage',
      'hs_lastmodifieddate',
      'hs_object_id',
      'pipeline',
    ],
    queryProperties: ['dealname'],
  },
  tasks: engagement('tasks', '0-27', 'task', ['hs_task_subject']),
  notes: engagement('notes', '0-46', 'note', ['hs_note_body']),
  meetings: engagement('meetings', '0-47', 'meeting', ['hs_meeting_title']),
  calls: engagement('calls', '0-48', 'call', ['hs_call_title']),
  emails: engagement('emails', '0-49', 'email', ['hs_email_subject']),
}

const byAlias = new Map<string, ObjectTypeInfo>()
for (const info of Object.values(OBJECT_TYPES)) {
  for (const alias of [info.name, info.typeId, info.singular]) byAlias.set(alias.toLowerCase(), info)
}

/** Resolves a path segment (`contacts`, `contact`, `0-1`, case-insensitive), or undefined. */
export function findObjectType(segment: string): ObjectTypeInfo | undefined {
  return byAlias.get(segment.toLowerCase())
}

/** Resolves a path segment or throws HubSpot's 404. */
export function objectTypeOf(segment: string): ObjectTypeInfo {
  const info = findObjectType(segment)
  if (info === undefined) throw notFound(`Unable to infer object type from: ${segment}`)
  return info
}
