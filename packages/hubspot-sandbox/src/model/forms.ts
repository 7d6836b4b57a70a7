// Marketing forms and their submissions (api-surface.md 3.12; HubSpot's Forms v3 and form-integrations v1).

/** One field of a form: the contact (0-1) or company (0-2) property it fills. */
export interface FormField {
  readonly objectTypeId: string
  readonly name: string
  readonly label: string
  readonly fieldType: string
  readonly required: boolean
  readonly hidden: boolean
}

export interface HsForm {
  /** The form GUID. */
  readonly id: string
  name: string
  readonly formType: 'hubspot'
  readonly createdAt: number
  updatedAt: number
  archived: boolean
  archivedAt: number | undefined
  fields: FormField[]
  /** Shown after a submission (the submit endpoint answers it as `inlineMessage`). */
  inlineMessage: string
}

/** One submitted value; `objectTypeId` says which object's property it is. */
export interface SubmittedValue {
  readonly objectTypeId: string
  readonly name: string
  readonly value: string
}

export interface FormSubmission {
  /** HubSpot's id of the conversion: stable, unique, what a replay is keyed by. */
  readonly conversionId: string
  readonly formId: string
  /** Milliseconds since the epoch. */
  readonly submittedAt: number
  readonly values: readonly SubmittedValue[]
  readonly pageUrl: string | undefined
  readonly pageName: string | undefined
  /** The contact the submission created or updated (none when no email was given). */
  readonly contactId: number | undefined
}

/** A GUID-shaped id that is deterministic: the portal in the first group, a sequence in the last. */
function guid(portalId: number, kind: string, n: number): string {
  const portal = (portalId >>> 0).toString(16).padStart(8, '0')
  return `${portal}-${kind}-4000-8000-${n.toString(16).padStart(12, '0')}`
}

/** The portal's forms and every submission, oldest first per form. */
export class FormStore {
  readonly forms = new Map<string, HsForm>()
  readonly #submissions = new Map<string, FormSubmission[]>()
  #nextForm = 0
  #nextConversion = 0

  clear(): void {
    this.forms.clear()
    this.#submissions.clear()
    this.#nextForm = 0
    this.#nextConversion = 0
  }

  newFormId(portalId: number): string {
    this.#nextForm += 1
    return guid(portalId, '0f0f', this.#nextForm)
  }

  newConversionId(portalId: number): string {
    this.#nextConversion += 1
    return guid(portalId, 'c0c0', this.#nextConversion)
  }

  add(form: HsForm): void {
    this.forms.set(form.id, form)
    this.#submissions.set(form.id, [])
  }

  /** A form by GUID, case-insensitively (GUIDs are hex). */
  get(id: string): HsForm | undefined {
    return this.forms.get(id.toLowerCase())
  }

  record(submission: FormSubmission): void {
    const list = this.#submissions.get(submission.formId) ?? []
    list.push(submission)
    // Kept in submittedAt order: a submission may carry an earlier submittedAt than the last one.
    list.sort((a, b) => a.submittedAt - b.submittedAt)
    this.#submissions.set(submission.formId, list)
  }

  submissions(formId: string): readonly FormSubmission[] {
    return this.#submissions.get(formId) ?? []
  }

  /** Every submission a contact made, oldest first. */
  submissionsOf(contactId: number): FormSubmission[] {
    return [...this.#submissions.values()]
      .flat()
      .filter((s) => s.contactId === contactId)
      .sort((a, b) => a.submittedAt - b.submittedAt)
  }
}
