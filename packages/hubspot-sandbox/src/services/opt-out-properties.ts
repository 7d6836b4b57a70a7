import type { Portal } from '../model/portal.js'
import type { HsRecord } from '../model/record.js'

/**
 * Derives `hs_email_optout` and `hs_email_optout_<id>` from the subscription store (api-surface.md 8.1).
 * They are read-only through the objects API; this is the only writer. Returns the names that changed.
 */
export function syncOptOutProperties(portal: Portal, contact: HsRecord, at: number): string[] {
  const store = portal.stores.contacts
  const email = contact.props['email']
  const prefs = email === undefined ? undefined : portal.subscriptions.get(email)
  const changed: string[] = []
  const set = (name: string, value: string | undefined): void => {
    if (contact.props[name] === value) return
    store.write(contact, name, value, at, { sourceType: 'EMAIL' })
    changed.push(name)
  }
  const all = prefs?.portalWideOptOutAt !== undefined
  // A property that was never set stays unset until there is something to say.
  set('hs_email_optout', all ? 'true' : contact.props['hs_email_optout'] === undefined ? undefined : 'false')
  for (const definition of portal.subscriptions.definitions) {
    const name = `hs_email_optout_${definition.id}`
    const out = all || prefs?.perType.get(definition.id)?.state === 'NOT_SUBSCRIBED'
    set(name, out ? 'true' : contact.props[name] === undefined ? undefined : 'false')
  }
  if (changed.length > 0) store.touch(contact, at)
  return changed
}
