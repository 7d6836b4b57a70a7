import type { Connection, Side, StateStore } from '@crmsync/core'
import type { RecordCard } from '@crmsync/server'
import type { CrmReaders, RecordRef } from '@crmsync/server/queries'

import {
  findCompanyTarget,
  findDealTarget,
  findExplainTarget,
  findStoredContactTarget,
} from './explain-lookup.js'

/** What `explain` was asked about. */
export interface ExplainSubject {
  readonly object: 'contact' | 'company' | 'deal'
  readonly argument: string
}

/** `crmsync explain --json`: the records the argument names, each as the console's sync card (B-ERR-8). */
export interface ExplainCards {
  readonly argument: string
  /** What the argument was taken for (hubspot id, salesforce id, email, hubspot company id...). */
  readonly kind: string
  /** live: both CRMs were read now; store: the CRM tokens are not set (or a CRM did not answer). */
  readonly valuesFrom: 'live' | 'store'
  readonly records: readonly RecordCard[]
}

/** The records an argument names: its links (by their HubSpot record), or the record itself when unlinked. */
async function refsOf(
  deps: { readonly connectionId: string; readonly store: StateStore; readonly crm?: CrmReaders | undefined },
  subject: ExplainSubject,
): Promise<{ kind: string; refs: RecordRef[] }> {
  const { object, argument } = subject
  if (object !== 'contact') {
    const target =
      object === 'deal' ? await findDealTarget(deps, argument) : await findCompanyTarget(deps, argument)
    return {
      kind: target.kind,
      refs: [
        target.link === undefined
          ? { objectKind: object, side: target.side, recordId: argument }
          : { objectKind: object, side: 'hubspot', recordId: target.link.hubspotId },
      ],
    }
  }
  const target =
    deps.crm === undefined
      ? await findStoredContactTarget(deps, argument)
      : await findExplainTarget({ ...deps, ...deps.crm }, argument)
  return {
    kind: target.kind,
    refs: [
      ...target.links.map((l): RecordRef => ({
        objectKind: 'contact',
        side: 'hubspot',
        recordId: l.hubspotId,
      })),
      ...target.unlinked.map((record): RecordRef => {
        const [side, recordId = ''] = record.split(' ') as [Side, string]
        return { objectKind: 'contact', side, recordId }
      }),
    ],
  }
}

/**
 * The sync cards of what `explain` was asked about, from the console's read model (recordCardOf): both
 * CRMs' values now when `crm` is given, else the values the store holds.
 */
export async function explainCards(
  deps: {
    readonly connection: Connection
    readonly store: StateStore
    readonly crm?: CrmReaders | undefined
  },
  subject: ExplainSubject,
): Promise<ExplainCards> {
  // Loaded here, not at the top: it loads the store's drivers (program.ts).
  const { recordCardOf } = await import('@crmsync/server/queries')
  const { kind, refs } = await refsOf(
    { connectionId: deps.connection.id, store: deps.store, crm: deps.crm },
    subject,
  )
  const records: RecordCard[] = []
  for (const ref of refs) records.push(await recordCardOf(deps, ref))
  const valuesFrom =
    deps.crm !== undefined && records.every((r) => r.valuesFrom === 'live') ? 'live' : 'store'
  return { argument: subject.argument, kind, valuesFrom, records }
}
