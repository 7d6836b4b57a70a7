import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { HubSpotError, notFound, validationError } from '../http/errors.js'
import { boolParam, intParam, type Query, stringParam } from '../http/query.js'
import type { FormField, FormSubmission, HsForm } from '../model/forms.js'
import { iso } from '../model/record.js'
import { submitForm } from '../services/form-submissions.js'

const OBJECT_TYPES: Readonly<Record<string, 'contacts' | 'companies'>> = {
  '0-1': 'contacts',
  '0-2': 'companies',
}

/** The Forms v3 definition of a form: HubSpot's shape, with defaults for what the sandbox does not model. */
export function toFormJson(form: HsForm): Record<string, unknown> {
  return {
    id: form.id,
    name: form.name,
    formType: form.formType,
    createdAt: iso(form.createdAt),
    updatedAt: iso(form.updatedAt),
    archived: form.archived,
    ...(form.archivedAt === undefined ? {} : { archivedAt: iso(form.archivedAt) }),
    fieldGroups: [{ groupType: 'default_group', richTextType: 'text', fields: form.fields }],
    configuration: {
      language: 'en',
      cloneable: true,
      postSubmitAction: { type: 'thank_you', value: form.inlineMessage },
      editable: true,
      archivable: true,
      recaptchaEnabled: false,
      notifyContactOwner: false,
      notifyRecipients: [],
      createNewContactForNewEmail: true,
      prePopulateKnownValues: true,
      allowLinkToResetKnownValues: false,
      lifecycleStages: [],
    },
    displayOptions: { renderRawHtml: false, theme: 'default_style', submitButtonText: 'Submit', style: {} },
    legalConsentOptions: { type: 'none' },
  }
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/** The fields of a create body's fieldGroups; each must name an existing contact or company property. */
function fieldsOf(deps: SandboxDeps, body: Record<string, unknown>): FormField[] {
  const groups = Array.isArray(body['fieldGroups']) ? body['fieldGroups'].map(objectOf) : []
  return groups.flatMap((group) =>
    (Array.isArray(group['fields']) ? group['fields'].map(objectOf) : []).map((raw) => {
      const objectTypeId = typeof raw['objectTypeId'] === 'string' ? raw['objectTypeId'] : '0-1'
      const name = typeof raw['name'] === 'string' ? raw['name'] : ''
      const type = OBJECT_TYPES[objectTypeId]
      if (type === undefined || deps.portal.property(type, name) === undefined)
        throw validationError(`Field ${name} of object ${objectTypeId} is not an existing property`)
      return {
        objectTypeId,
        name,
        label: typeof raw['label'] === 'string' ? raw['label'] : name,
        fieldType: typeof raw['fieldType'] === 'string' ? raw['fieldType'] : 'single_line_text',
        required: raw['required'] === true,
        hidden: raw['hidden'] === true,
      }
    }),
  )
}

/** A submission as `GET /form-integrations/v1/submissions/forms/{guid}` lists it. */
function toSubmissionJson(submission: FormSubmission): Record<string, unknown> {
  return {
    conversionId: submission.conversionId,
    submittedAt: submission.submittedAt,
    values: submission.values.map((v) => ({ name: v.name, value: v.value, objectTypeId: v.objectTypeId })),
    ...(submission.pageUrl === undefined ? {} : { pageUrl: submission.pageUrl }),
  }
}

/** Newest first, as HubSpot lists them; ties broken by conversionId so the order is total. */
function newestFirst(a: FormSubmission, b: FormSubmission): number {
  return b.submittedAt - a.submittedAt || (a.conversionId < b.conversionId ? 1 : -1)
}

/** The `after` cursor: the last listed submission's position, so new submissions never shift a page. */
function cursorOf(submission: FormSubmission): string {
  return Buffer.from(JSON.stringify([submission.submittedAt, submission.conversionId])).toString('base64url')
}

function isAfter(cursor: string): (s: FormSubmission) => boolean {
  let at: number
  let id: string
  try {
    ;[at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, string]
  } catch {
    throw validationError(`Invalid after cursor ${cursor}`)
  }
  return (s) => s.submittedAt < at || (s.submittedAt === at && s.conversionId < id)
}

/**
 * Forms (Forms v3: list, read, create, archive), the submissions API (`/submissions/v3/integration/submit`
 * without a token, `/secure/submit` with one) and the submissions of a form (form-integrations v1).
 */
export const formsPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal, clock } = deps
  const findForm = (id: string): HsForm => {
    const form = portal.forms.get(id)
    if (form === undefined || form.archived) throw notFound(`Form ${id} not found`)
    return form
  }

  app.get('/marketing/v3/forms', (request) => {
    const query = request.query as Query
    const limit = intParam(query, 'limit', 20, 500)
    const archived = boolParam(query, 'archived')
    const all = [...portal.forms.forms.values()].filter((form) => form.archived === archived)
    const start = Number(stringParam(query, 'after') ?? 0)
    if (!Number.isInteger(start) || start < 0) throw validationError('after must be a cursor from paging')
    const page = all.slice(start, start + limit)
    const next = start + page.length
    return {
      results: page.map(toFormJson),
      ...(next < all.length ? { paging: { next: { after: String(next) } } } : {}),
    }
  })

  app.get<{ Params: { formId: string } }>('/marketing/v3/forms/:formId', (request) =>
    toFormJson(findForm(request.params.formId)),
  )

  app.post('/marketing/v3/forms', (request, reply) => {
    const body = objectOf(request.body)
    const name = typeof body['name'] === 'string' ? body['name'].trim() : ''
    if (name === '') throw validationError('name is required')
    if (body['formType'] !== undefined && body['formType'] !== 'hubspot')
      throw validationError(`Only hubspot forms can be created, not ${JSON.stringify(body['formType'])}`)
    if ([...portal.forms.forms.values()].some((f) => !f.archived && f.name === name))
      throw new HubSpotError({ status: 409, category: 'CONFLICT', message: `A form named ${name} exists` })
    const action = objectOf(objectOf(body['configuration'])['postSubmitAction'])
    const now = clock.now()
    const form: HsForm = {
      id: portal.forms.newFormId(portal.portalId),
      name,
      formType: 'hubspot',
      createdAt: now,
      updatedAt: now,
      archived: false,
      archivedAt: undefined,
      fields: fieldsOf(deps, body),
      inlineMessage:
        action['type'] === 'thank_you' && typeof action['value'] === 'string'
          ? action['value']
          : 'Thanks for submitting the form.',
    }
    portal.forms.add(form)
    return reply.code(201).send(toFormJson(form))
  })

  app.delete<{ Params: { formId: string } }>('/marketing/v3/forms/:formId', (request, reply) => {
    const form = findForm(request.params.formId)
    form.archived = true
    form.archivedAt = clock.now()
    form.updatedAt = form.archivedAt
    return reply.code(204).send()
  })

  const submit = (params: { portalId: string; formGuid: string }, body: unknown): Record<string, unknown> => {
    if (params.portalId !== String(portal.portalId)) throw notFound(`Form ${params.formGuid} not found`)
    const form = findForm(params.formGuid)
    submitForm({ portal, source: { sourceType: 'FORM', sourceId: form.id } }, form, body)
    return { inlineMessage: form.inlineMessage }
  }
  app.post<{ Params: { portalId: string; formGuid: string } }>(
    '/submissions/v3/integration/submit/:portalId/:formGuid',
    (request) => submit(request.params, request.body),
  )
  app.post<{ Params: { portalId: string; formGuid: string } }>(
    '/submissions/v3/integration/secure/submit/:portalId/:formGuid',
    (request) => submit(request.params, request.body),
  )

  app.get<{ Params: { formGuid: string } }>(
    '/form-integrations/v1/submissions/forms/:formGuid',
    (request) => {
      const query = request.query as Query
      const form = findForm(request.params.formGuid)
      const limit = intParam(query, 'limit', 20, 50)
      const after = stringParam(query, 'after')
      const ordered = [...portal.forms.submissions(form.id)].sort(newestFirst)
      const rest = after === undefined || after === '' ? ordered : ordered.filter(isAfter(after))
      const page = rest.slice(0, limit)
      const last = page[page.length - 1]
      return {
        results: page.map(toSubmissionJson),
        ...(rest.length > page.length && last !== undefined
          ? {
              paging: {
                next: {
                  after: cursorOf(last),
                  link: `/form-integrations/v1/submissions/forms/${form.id}?after=${cursorOf(last)}`,
                },
              },
            }
          : {}),
      }
    },
  )
  done()
}
