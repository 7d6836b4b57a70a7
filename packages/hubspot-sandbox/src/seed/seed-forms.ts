import type { FormField, HsForm } from '../model/forms.js'
import type { Portal } from '../model/portal.js'
import { type HsRecord, iso } from '../model/record.js'

const DAY = 86_400_000

const field = (name: string, label: string, fieldType: string, required: boolean): FormField => ({
  objectTypeId: '0-1',
  name,
  label,
  fieldType,
  required,
  hidden: false,
})

/**
 * Two forms and a submission on every tenth contact (two on every thirtieth), with the conversion
 * properties HubSpot keeps on the contact. Stored directly, like the rest of the seed: no webhooks.
 * Returns how many submissions were made.
 */
export function seedForms(portal: Portal, contacts: readonly HsRecord[], random: () => number): number {
  const now = portal.clock.now()
  const forms: HsForm[] = ['Contact us', 'Demo request'].map((name) => ({
    id: portal.forms.newFormId(portal.portalId),
    name,
    formType: 'hubspot',
    createdAt: now - 400 * DAY,
    updatedAt: now - 400 * DAY,
    archived: false,
    archivedAt: undefined,
    fields: [
      field('email', 'Email', 'email', true),
      field('firstname', 'First name', 'single_line_text', false),
      field('lastname', 'Last name', 'single_line_text', false),
    ],
    inlineMessage: 'Thanks for submitting the form.',
  }))
  for (const form of forms) portal.forms.add(form)
  let count = 0
  contacts.forEach((contact, index) => {
    if (index % 10 !== 3) return
    const picked = index % 30 === 3 ? forms : [forms[index % 2]!]
    const made = picked.map((form) => {
      const submittedAt = now - Math.floor(random() * 60 * DAY) - 60_000
      portal.forms.record({
        conversionId: portal.forms.newConversionId(portal.portalId),
        formId: form.id,
        submittedAt,
        values: ['email', 'firstname', 'lastname']
          .filter((name) => contact.props[name] !== undefined)
          .map((name) => ({ objectTypeId: '0-1', name, value: contact.props[name]! })),
        pageUrl: `https://acme-demo.com/${form.name.toLowerCase().replace(/ /g, '-')}`,
        pageName: form.name,
        contactId: contact.id,
      })
      count += 1
      return { form, submittedAt }
    })
    made.sort((a, b) => a.submittedAt - b.submittedAt)
    const first = made[0]!
    const recent = made[made.length - 1]!
    Object.assign(contact.props, {
      first_conversion_date: iso(first.submittedAt),
      first_conversion_event_name: first.form.name,
      recent_conversion_date: iso(recent.submittedAt),
      recent_conversion_event_name: recent.form.name,
      num_conversion_events: String(made.length),
      num_unique_conversion_events: String(new Set(made.map((m) => m.form.id)).size),
    })
  })
  return count
}
