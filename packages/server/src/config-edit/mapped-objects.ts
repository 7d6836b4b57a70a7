import {
  COMPANY_MAPPED_OBJECT,
  CONTACT_MAPPED_OBJECT,
  DEAL_MAPPED_OBJECT,
  DEFAULT_COMPANY_MAPPINGS,
  DEFAULT_CONTACT_MAPPINGS,
  DEFAULT_DEAL_MAPPINGS,
  type FieldMapping,
  type MappedObject,
} from '@crmsync/core'

import type { SyncedKind } from '../api-types.js'

/** One object kind's mappings as the core defines them: its Salesforce types and its defaults (B-MAP-9). */
export interface MappedKind {
  readonly kind: SyncedKind
  readonly object: MappedObject<string>
  readonly defaults: readonly FieldMapping<string>[]
}

export const MAPPED_KINDS: Readonly<Record<SyncedKind, MappedKind>> = {
  contact: { kind: 'contact', object: CONTACT_MAPPED_OBJECT, defaults: DEFAULT_CONTACT_MAPPINGS },
  company: { kind: 'company', object: COMPANY_MAPPED_OBJECT, defaults: DEFAULT_COMPANY_MAPPINGS },
  deal: { kind: 'deal', object: DEAL_MAPPED_OBJECT, defaults: DEFAULT_DEAL_MAPPINGS },
}
