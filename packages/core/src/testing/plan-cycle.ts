import type { ContactAction, ContactActionKind, ContactChange, PlanContactsInput } from '../plan/index.js'
import { planContacts } from '../plan/index.js'
import type { ContactWorld } from './contact-world.js'
import { applyActions, inputFor } from './contact-world.js'

export type Options = Partial<PlanContactsInput>

/** Plans the changes against the world, applies the plan, and returns it. */
export function cycle(
  world: ContactWorld,
  changes: readonly ContactChange[],
  now: number,
  options: Options = {},
) {
  const actions = planContacts(inputFor(world, changes, { now, ...options }))
  applyActions(world, actions, now)
  return actions
}

export function ofKind<K extends ContactActionKind>(actions: readonly ContactAction[], kind: K) {
  return actions.filter((a): a is Extract<ContactAction, { kind: K }> => a.kind === kind)
}

export function writes(actions: readonly ContactAction[]): ContactAction[] {
  return actions.filter(
    (a) => a.kind.startsWith('create') || a.kind.startsWith('update') || a.kind === 'delete-hubspot',
  )
}

export const hs = (id: string, event: 'changed' | 'deleted' | 'resync' = 'changed'): ContactChange => ({
  side: 'hubspot',
  id,
  event,
})

export const sf = (
  type: 'Lead' | 'Contact',
  id: string,
  event: 'changed' | 'deleted' = 'changed',
  masterRecordId?: string,
): ContactChange => ({
  side: 'salesforce',
  type,
  id,
  event,
  ...(masterRecordId === undefined ? {} : { masterRecordId }),
})
