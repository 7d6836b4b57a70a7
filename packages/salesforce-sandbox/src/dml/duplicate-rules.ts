// Duplicate rules (Setup > Duplicate Management): an active rule whose matching fields all equal those of
// another record of the object blocks the save with DUPLICATES_DETECTED, after the validation rules, as
// Salesforce orders them. Matching is exact and case-insensitive on every listed field (a simplified
// matching rule), never on a blank value; an `allow` rule lets the save through. The SaveResult error
// carries `duplicateResult` with the rule's name, as the REST API returns it.
import { RecordError, type SaveError } from '../errors.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'

export interface DuplicateRule {
  /** The object whose saves it checks, e.g. Lead. */
  object: string
  /** Its API name, which the error names, e.g. Standard_Lead_Duplicate_Rule. */
  name: string
  /** The fields that must all match another record's (case-insensitive, non-blank). */
  fields: string[]
  /** block (the default) refuses the save; allow lets it through. */
  action?: 'block' | 'allow'
  active?: boolean
}

const rulesOf = new WeakMap<Org, DuplicateRule[]>()

export function setDuplicateRules(org: Org, rules: readonly DuplicateRule[]): void {
  for (const rule of rules) {
    const table = org.table(rule.object)
    if (table === undefined) throw new Error(`duplicate rule ${rule.name}: no object ${rule.object}`)
    const unknown = rule.fields.filter((f) => table.field(f) === undefined)
    if (rule.fields.length === 0 || unknown.length > 0)
      throw new Error(
        `duplicate rule ${rule.name}: no field ${unknown.join(', ') || '(none given)'} on ${rule.object}`,
      )
  }
  rulesOf.set(org, [...rules])
}

export function duplicateRules(org: Org): DuplicateRule[] {
  return rulesOf.get(org) ?? []
}

/** DUPLICATES_DETECTED with the `duplicateResult` Salesforce adds to the SaveResult error. */
class DuplicatesDetected extends RecordError {
  readonly #rule: DuplicateRule
  readonly #matches: string[]

  constructor(rule: DuplicateRule, matches: string[]) {
    super('DUPLICATES_DETECTED', 'Use one of these records?', [])
    this.#rule = rule
    this.#matches = matches
  }

  override toSaveError(): SaveError & { duplicateResult: unknown } {
    return {
      ...super.toSaveError(),
      duplicateResult: {
        allowSave: false,
        duplicateRule: this.#rule.name,
        duplicateRuleEntityType: this.#rule.object,
        errorMessage: this.message,
        matchResults: [
          {
            entityType: this.#rule.object,
            matchEngine: 'ExactMatchEngine',
            matchRecords: this.#matches.map((id) => ({ record: { Id: id } })),
            size: this.#matches.length,
            success: true,
          },
        ],
      },
    }
  }
}

const key = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value)

/** Throws DUPLICATES_DETECTED for the first active blocking rule another record of the object matches. */
export function runDuplicateRules(org: Org, table: Table, record: SfRecord): void {
  for (const rule of duplicateRules(org)) {
    if (rule.active === false || rule.action === 'allow') continue
    if (rule.object.toLowerCase() !== table.def.name.toLowerCase()) continue
    const names = rule.fields.map((f) => table.field(f)?.name ?? f)
    const wanted = names.map((n) => key(record[n]))
    if (wanted.some((v) => v === null || v === undefined || v === '')) continue
    const matches = [...table.rows()]
      .filter((row) => row['Id'] !== record['Id'] && row['IsDeleted'] !== true)
      .filter((row) => names.every((n, i) => key(row[n]) === wanted[i]))
      .map((row) => String(row['Id']))
    if (matches.length > 0) throw new DuplicatesDetected(rule, matches)
  }
}
