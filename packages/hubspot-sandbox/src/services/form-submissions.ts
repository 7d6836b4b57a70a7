// A form submission as HubSpot processes one: validate against the form, create or update the contact by
// email (source FORM), record the submission under a conversionId, and keep the contact's conversion
// properties (first/recent conversion, counts).
import { HubSpotError } from '../http/errors.js'
import type { FormSubmission, HsForm, SubmittedValue } from '../model/forms.js'
import { iso } from '../model/record.js'
import type { WriteContext } from './record-changes.js'
import { createRecord, updateRecord } from './record-writes.js'
import { applySystemUpdate } from './system-update.js'

const CONTACT = '0-1'
const MAX_FIELDS = 1000
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

interface SubmitError {
  readonly message: string
  readonly errorType: string
}

/** The 400 of the submissions API: a generic message and one entry per problem. */
function submitError(errors: readonly SubmitError[]): HubSpotError {
  return new HubSpotError({ status: 400, message: 'The request is not valid', extra: { errors } })
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/** The submitted fields, checked against the form: known, required ones present, emails valid. */
function checkedValues(ctx: WriteContext, form: HsForm, body: Record<string, unknown>): SubmittedValue[] {
  const raw = body['fields']
  if (!Array.isArray(raw))
    throw submitError([
      { message: "Error in 'fields'. fields must be an array", errorType: 'INVALID_METADATA' },
    ])
  if (raw.length > MAX_FIELDS)
    throw submitError([
      {
        message: `Error in 'fields'. At most ${MAX_FIELDS} fields`,
        errorType: 'MAX_NUMBER_OF_SUBMITTED_VALUES_EXCEEDED',
      },
    ])
  const skipValidation = body['skipValidation'] === true
  const errors: SubmitError[] = []
  const values: SubmittedValue[] = []
  for (const entry of raw.map(objectOf)) {
    const name = typeof entry['name'] === 'string' ? entry['name'] : ''
    const given = entry['value']
    // Values arrive as text; a number or boolean is taken as its text, anything else is no value.
    const value =
      typeof given === 'string'
        ? given
        : typeof given === 'number' || typeof given === 'boolean'
          ? String(given)
          : ''
    const objectTypeId = typeof entry['objectTypeId'] === 'string' ? entry['objectTypeId'] : CONTACT
    const defined = form.fields.some((f) => f.name === name && f.objectTypeId === objectTypeId)
    // skipValidation lets a contact property the form does not show through, as HubSpot's does.
    const allowed = defined || (skipValidation && ctx.portal.property('contacts', name) !== undefined)
    if (!allowed) {
      errors.push({
        message: `Error in 'fields.${name}'. This field was not defined in the form definition`,
        errorType: 'FIELD_NOT_IN_FORM_DEFINITION',
      })
      continue
    }
    if (name === 'email' && value !== '' && !EMAIL.test(value))
      errors.push({ message: "Error in 'fields.email'. Invalid email address", errorType: 'INVALID_EMAIL' })
    values.push({ objectTypeId, name, value })
  }
  if (!skipValidation)
    for (const field of form.fields)
      if (field.required && !values.some((v) => v.name === field.name && v.value !== ''))
        errors.push({
          message: `Error in 'fields.${field.name}'. Required field '${field.name}' is missing`,
          errorType: 'REQUIRED_FIELD',
        })
  if (errors.length > 0) throw submitError(errors)
  return values
}

function submittedAtOf(body: Record<string, unknown>, now: number): number {
  const raw = body['submittedAt']
  if (raw === undefined || raw === null || raw === '') return now
  const at = Number(raw)
  if (!Number.isFinite(at) || at <= 0)
    throw submitError([
      { message: "Error in 'submittedAt'. Invalid timestamp", errorType: 'INVALID_METADATA' },
    ])
  return at
}

/** First and most recent conversion and the counts, from every submission the contact made. */
function refreshConversions(ctx: WriteContext, contactId: number): void {
  const contact = ctx.portal.stores.contacts.resolve(contactId)
  if (contact === undefined) return
  const all = ctx.portal.forms.submissionsOf(contactId)
  const first = all[0]
  const recent = all[all.length - 1]
  if (first === undefined || recent === undefined) return
  const name = (formId: string): string | undefined => ctx.portal.forms.get(formId)?.name
  applySystemUpdate(
    ctx,
    'contacts',
    contact,
    {
      first_conversion_date: iso(first.submittedAt),
      first_conversion_event_name: name(first.formId),
      recent_conversion_date: iso(recent.submittedAt),
      recent_conversion_event_name: name(recent.formId),
      num_conversion_events: String(all.length),
      num_unique_conversion_events: String(new Set(all.map((s) => s.formId)).size),
    },
    false,
  )
}

/** Processes one submission of `form`; `body` is the submissions API's JSON. */
export function submitForm(ctx: WriteContext, form: HsForm, rawBody: unknown): FormSubmission {
  const body = objectOf(rawBody)
  const values = checkedValues(ctx, form, body)
  const submittedAt = submittedAtOf(body, ctx.portal.clock.now())
  const context = objectOf(body['context'])
  const formCtx: WriteContext = { portal: ctx.portal, source: { sourceType: 'FORM', sourceId: form.id } }
  const contactProps = Object.fromEntries(
    values.filter((v) => v.objectTypeId === CONTACT && v.value !== '').map((v) => [v.name, v.value]),
  )
  const email = contactProps['email']
  let contactId: number | undefined
  if (email !== undefined) {
    const existing = ctx.portal.stores.contacts.findByUnique('email', email)
    if (existing !== undefined) {
      const { email: _same, ...rest } = contactProps
      if (Object.keys(rest).length > 0) updateRecord(formCtx, 'contacts', existing, rest)
      contactId = existing.id
    } else {
      contactId = createRecord(formCtx, 'contacts', contactProps).id
    }
  }
  const submission: FormSubmission = {
    conversionId: ctx.portal.forms.newConversionId(ctx.portal.portalId),
    formId: form.id,
    submittedAt,
    values,
    pageUrl: typeof context['pageUri'] === 'string' ? context['pageUri'] : undefined,
    pageName: typeof context['pageName'] === 'string' ? context['pageName'] : undefined,
    contactId,
  }
  ctx.portal.forms.record(submission)
  if (contactId !== undefined) refreshConversions(formCtx, contactId)
  return submission
}
