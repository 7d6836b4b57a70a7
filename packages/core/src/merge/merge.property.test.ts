import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { RawValue } from '../canonical/index.js'
import { assertNever, fromHubSpot, fromSalesforce } from '../canonical/index.js'
import type { ContactMapping, SyncRule } from '../mapping/index.js'
import { DEFAULT_CONTACT_MAPPINGS } from '../mapping/index.js'
import type { CanonicalValue, Side } from '../model/index.js'
import { buildOwnerIndex } from '../owners/index.js'
import type { ContactAction } from '../plan/index.js'
import { planContacts } from '../plan/index.js'
import type { EditedField, Step } from '../testing/index.js'
import {
  addHubSpot,
  addSalesforce,
  applyActions,
  createWorld,
  EDITED_FIELDS,
  hs,
  initialArb,
  inputFor,
  OWNERS,
  sf,
  stepArb,
} from '../testing/index.js'

const NUM_RUNS = Number(process.env['FC_NUM_RUNS'] ?? 200)
const FIELDS = Object.keys(EDITED_FIELDS) as EditedField[]
const MAPPINGS: readonly ContactMapping[] = DEFAULT_CONTACT_MAPPINGS.map((m) =>
  m.hubspot in EDITED_FIELDS ? { ...m, rule: EDITED_FIELDS[m.hubspot as EditedField].rule } : m,
)
const mappingOf = (f: EditedField): ContactMapping => MAPPINGS.find((m) => m.hubspot === f)!
const transform = { timeZone: 'UTC', owners: buildOwnerIndex(OWNERS) }

/** A linked pair C <-> L driven by random edits and sync cycles, checking the design.md 3.2 properties. */
class Simulation {
  readonly world = createWorld()
  now = 1_000_000
  readonly hsAt: Partial<Record<EditedField, number>> = {}
  readonly sfAt: Partial<Record<string, number>> = {}
  edited = new Set<string>()

  constructor(initial: { hubspot: RawValue[]; salesforce: RawValue[] }) {
    const h: Record<string, RawValue> = { email: 'a@x.com', lastname: 'Lee' }
    const s: Record<string, RawValue> = { Email: 'a@x.com', LastName: 'Lee' }
    FIELDS.forEach((f, i) => {
      h[f] = initial.hubspot[i]
      s[EDITED_FIELDS[f].salesforce] = initial.salesforce[i]
      this.edited.add(`hubspot:${f}`).add(`salesforce:${f}`)
    })
    addHubSpot(this.world, 'C', h)
    addSalesforce(this.world, 'Lead', 'L', s)
  }

  canon(side: Side, f: EditedField): CanonicalValue {
    const m = mappingOf(f)
    const r =
      side === 'hubspot'
        ? fromHubSpot(m, this.world.hubspot.get('C')?.[f], transform)
        : fromSalesforce(m, this.world.salesforce.get('L')?.fields[EDITED_FIELDS[f].salesforce], transform)
    if (!r.ok) throw new Error(r.message)
    return r.value
  }

  edit(step: Extract<Step, { kind: 'edit' }>): void {
    this.now += step.gap
    if (step.side === 'hubspot') {
      this.world.hubspot.get('C')![step.field] = step.value
      this.hsAt[step.field] = this.now
    } else {
      const field = EDITED_FIELDS[step.field].salesforce
      this.world.salesforce.get('L')!.fields[field] = step.value
      this.sfAt[field] = this.now
    }
    this.edited.add(`${step.side}:${step.field}`)
  }

  plan(): readonly ContactAction[] {
    const hubspot = {
      id: 'C',
      properties: this.world.hubspot.get('C')!,
      propertyChangedAt: { ...this.hsAt } as Record<string, number>,
    }
    const record = this.world.salesforce.get('L')!
    const salesforce = {
      id: 'L',
      type: 'Lead' as const,
      fields: record.fields,
      fieldChangedAt: { ...this.sfAt } as Record<string, number>,
    }
    return planContacts(
      inputFor(this.world, [hs('C'), sf('Lead', 'L')], {
        now: this.now,
        mappings: MAPPINGS,
        hubspot: new Map([['C', hubspot]]),
        salesforce: new Map([['L', salesforce]]),
      }),
    )
  }

  /** One sync cycle plus every property check. */
  sync(gap: number): void {
    this.now += gap
    const link = this.world.links[0]
    const before = FIELDS.map((f) => ({
      f,
      h: this.canon('hubspot', f),
      s: this.canon('salesforce', f),
      state: link?.fields[f],
    }))
    const actions = this.plan()
    applyActions(this.world, actions, this.now)
    const written = writtenFields(actions)
    const commit = actions.find((a) => a.kind === 'commit')
    for (const { f, h, s, state } of before) {
      const H = this.canon('hubspot', f)
      const S = this.canon('salesforce', f)
      const rule = mappingOf(f).rule
      // No ping-pong: a field moves only one way per plan, and only after an edit since the last sync.
      expect(written.hubspot.has(f) && written.salesforce.has(f), `${f} written both ways`).toBe(false)
      if (written.hubspot.has(f) || written.salesforce.has(f)) {
        expect(
          this.edited.has(`hubspot:${f}`) || this.edited.has(`salesforce:${f}`),
          `${f} written unprompted`,
        ).toBe(true)
      }
      // Every change that is not propagated has an audit decision naming its rule.
      const hChanged = state?.hubspotShadow === undefined ? h !== null : state.hubspotShadow.value !== h
      const sChanged = state?.salesforceShadow === undefined ? s !== null : state.salesforceShadow.value !== s
      const decision = commit?.kind === 'commit' ? commit.decisions.find((d) => d.field === f) : undefined
      if (hChanged && S !== h) {
        expect(decision?.dropped, `${f}: dropped HubSpot change`).toContain('hubspot')
        expect(decision?.rule).toBe(rule)
        expect(decision?.reason).toMatch(/\w/)
      }
      if (sChanged && H !== s)
        expect(decision?.dropped, `${f}: dropped Salesforce change`).toContain('salesforce')
      checkRule(f, rule, {
        h,
        s,
        H,
        S,
        hChanged,
        sChanged,
        written,
        hAt: this.hsAt[f],
        sAt: this.sfAt[EDITED_FIELDS[f].salesforce],
      })
    }
    this.edited = new Set()
    // Applying again changes nothing: our own writes read back as no-ops.
    const snapshot = JSON.stringify([[...this.world.hubspot], [...this.world.salesforce]])
    const again = this.plan()
    expect(again.filter((a) => a.kind.startsWith('update') || a.kind.startsWith('create'))).toEqual([])
    applyActions(this.world, again, this.now)
    expect(JSON.stringify([[...this.world.hubspot], [...this.world.salesforce]])).toBe(snapshot)
  }
}

function writtenFields(actions: readonly ContactAction[]): { hubspot: Set<string>; salesforce: Set<string> } {
  const out = { hubspot: new Set<string>(), salesforce: new Set<string>() }
  for (const a of actions) {
    if (a.kind === 'update-hubspot') Object.keys(a.values).forEach((k) => out.hubspot.add(k))
    if (a.kind === 'update-salesforce') {
      for (const k of Object.keys(a.values)) {
        const f = FIELDS.find((x) => EDITED_FIELDS[x].salesforce === k)
        if (f !== undefined) out.salesforce.add(f)
      }
    }
  }
  return out
}

interface Observed {
  h: CanonicalValue
  s: CanonicalValue
  H: CanonicalValue
  S: CanonicalValue
  hChanged: boolean
  sChanged: boolean
  written: { hubspot: Set<string>; salesforce: Set<string> }
  hAt: number | undefined
  sAt: number | undefined
}

/** The sides converge to what the rules allow (design.md 3.2). */
function checkRule(f: EditedField, rule: SyncRule, o: Observed): void {
  switch (rule) {
    case 'two-way':
      expect(o.H, `${f} two-way converges`).toBe(o.S)
      if (o.hChanged && o.sChanged && o.h !== o.s) {
        expect(o.H, `${f}: the later change wins, ties to Salesforce`).toBe(
          (o.hAt ?? 0) > (o.sAt ?? 0) ? o.h : o.s,
        )
      }
      return
    case 'prefer-salesforce':
      expect(o.H, `${f} prefer-salesforce converges`).toBe(o.S)
      if (o.s !== null) expect(o.S, `${f}: a non-blank Salesforce value is never overwritten`).toBe(o.s)
      return
    case 'always-salesforce':
      expect(o.written.salesforce.has(f), `${f}: HubSpot never writes to Salesforce`).toBe(false)
      if (o.sChanged) expect(o.H).toBe(o.S)
      return
    case 'none':
      expect(o.written.hubspot.has(f) || o.written.salesforce.has(f), `${f}: none never writes`).toBe(false)
      return
    case 'opt-out':
      if (o.h === 'true') expect(o.H, 'opt-out never resubscribes HubSpot').toBe('true')
      if (o.s === 'true') expect(o.S, 'opt-out never clears Salesforce').toBe('true')
      if ((o.hChanged && o.h === 'true') || (o.sChanged && o.s === 'true'))
        expect([o.H, o.S]).toEqual(['true', 'true'])
      return
    case 'owner':
      expect(
        OWNERS.salesforce.some((u) => u.id === o.S && u.isActive),
        'SF owner is an active user',
      ).toBe(true)
      if (transform.owners.hubspotFor(o.S ?? '') !== undefined) expect(o.H, `${f}: owners agree`).toBe(o.S)
      return
    default:
      assertNever(rule)
  }
}

describe('three-way merge properties (design.md 3.2, style guide item 23)', () => {
  it(
    'random interleaved edits on both sides: idempotent, no ping-pong, audited, converging',
    { timeout: Math.max(30_000, NUM_RUNS * 100) },
    () => {
      fc.assert(
        fc.property(initialArb, fc.array(stepArb, { maxLength: 30 }), (initial, steps) => {
          const sim = new Simulation(initial)
          sim.sync(1)
          expect(sim.world.links).toHaveLength(1)
          for (const step of steps) {
            if (step.kind === 'sync') sim.sync(step.gap)
            else sim.edit(step)
          }
          sim.sync(1)
          // Once edits stop, a further cycle writes nothing at all.
          expect(sim.plan().filter((a) => a.kind.startsWith('update'))).toEqual([])
        }),
        { numRuns: NUM_RUNS },
      )
    },
  )
})
