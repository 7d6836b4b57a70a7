import type { AuditEntry, FieldDecision, FieldState, ObjectKind } from '@crmsync/core'

const DIRECTION = { 'to-salesforce': 'hs->sf', 'to-hubspot': 'sf->hs', none: 'none' } as const

/**
 * Audit entries of one pair's commit (design.md 3.4 step 4). Every decision that moved a value, dropped a
 * change, settled a conflict or set a new agreed value is kept; a field both sides already agreed on and
 * whose ancestor stays the same is a no-op and is not repeated on every echo, and a field blank on both
 * sides of a new link is not recorded at all.
 */
export function auditEntries(init: {
  readonly connectionId: string
  readonly objectKind: ObjectKind
  readonly hubspotId: string | null
  readonly salesforceId: string | null
  readonly decisions: readonly FieldDecision[]
  readonly before: Readonly<Record<string, FieldState>>
  readonly at: number
}): AuditEntry[] {
  return init.decisions.flatMap((d): AuditEntry[] => {
    const oldValue = init.before[d.field]?.ancestor ?? null
    const dropped = (d.dropped ?? []).length > 0
    const trivial = d.action === 'none' && !dropped && d.conflict !== true && oldValue === d.value
    // Blank on both sides of a new link says nothing either (a create audits its values, not 20 blanks).
    if (trivial && (init.before[d.field] !== undefined || d.value === null)) return []
    return [
      {
        connectionId: init.connectionId,
        objectKind: init.objectKind,
        hubspotId: init.hubspotId,
        salesforceId: init.salesforceId,
        field: d.field,
        oldValue,
        newValue: d.value,
        direction: DIRECTION[d.action],
        rule: d.rule,
        reason: d.conflict === true ? `conflict: ${d.reason}` : d.reason,
        at: init.at,
      },
    ]
  })
}
