import { LIFECYCLE_STAGES } from '../model/default-properties.js'
import type { ObjectTypeName } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'
import type { HsRecord, WriteSource } from '../model/record.js'
import type { SeedOption, SeedSpec } from '../options.js'
import { isClosedWonStage, seedDealRollups } from '../services/deal-rollups.js'
import { ascii, pick, seededRandom, seedPools } from './seed-data.js'
import { seedForms } from './seed-forms.js'

const DAY = 86_400_000

/** The named seeds (design.md 4.3 and the issue): `small` has associations and engagements. */
export const SEEDS: Readonly<Record<'none' | 'small' | 'large', SeedSpec>> = {
  none: {},
  small: { contacts: 500, companies: 100, deals: 80, engagements: true, seed: 42 },
  large: { contacts: 100_000, companies: 10_000, deals: 8_000, engagements: false, seed: 42 },
}

export interface SeedCounts {
  contacts: number
  companies: number
  deals: number
  engagements: number
  marketingEmailEvents: number
  formSubmissions: number
}

/** Inserts a record directly (no validation, no webhooks): the fast path for seeding at scale. */
function insertSeeded(
  portal: Portal,
  type: ObjectTypeName,
  props: Record<string, string>,
  createdAt: number,
  updatedAt: number,
  source: WriteSource,
): HsRecord {
  const record: HsRecord = {
    id: portal.nextId(),
    props,
    createdAt,
    updatedAt,
    archived: false,
    archivedAt: undefined,
    mergedInto: undefined,
    source,
    history: undefined,
    searchView: undefined,
  }
  portal.stores[type].insert(record)
  return record
}

/**
 * Fills the portal with generated records, deterministic for a given seed (the timestamps are relative to
 * the clock). Existing records stay; ids continue from the portal's sequence.
 */
export function seedPortal(portal: Portal, option: SeedOption, source: WriteSource): SeedCounts {
  const spec = typeof option === 'string' ? SEEDS[option] : option
  const counts: SeedCounts = {
    contacts: 0,
    companies: 0,
    deals: 0,
    engagements: 0,
    marketingEmailEvents: 0,
    formSubmissions: 0,
  }
  const total = (spec.contacts ?? 0) + (spec.companies ?? 0) + (spec.deals ?? 0)
  if (total === 0) return counts
  const seed = spec.seed ?? 42
  const random = seededRandom(seed)
  const pools = seedPools(seed)
  const now = portal.clock.now()
  const reps = portal.owners.slice(0, 5).map((owner) => owner.id)
  const owners = portal.owners.map((owner) => owner.id)
  const past = (maxDays: number): number => now - Math.floor(random() * maxDays * DAY) - 60_000
  const stamps = (): [number, number] => {
    const createdAt = past(365)
    return [createdAt, createdAt + Math.floor(random() * (now - createdAt - 1000))]
  }
  const wasOn = portal.eventsOn
  portal.eventsOn = false

  const companies: HsRecord[] = []
  for (let i = 0; i < (spec.companies ?? 0); i += 1) {
    const base = pools.companies[i % pools.companies.length] ?? {
      name: 'Acme',
      domain: 'acme.example',
      industry: '',
      city: '',
      country: '',
    }
    const suffix = i < pools.companies.length ? '' : ` ${Math.floor(i / pools.companies.length) + 1}`
    const domain = suffix === '' ? base.domain : base.domain.replace('.example', `${suffix.trim()}.example`)
    const [createdAt, updatedAt] = stamps()
    const props: Record<string, string> = {
      name: `${base.name}${suffix}`,
      domain,
      website: `https://www.${domain}`,
      industry: base.industry,
      city: base.city,
      country: base.country,
      numberofemployees: String(5 + Math.floor(random() * 5000)),
      hubspot_owner_id: pick(random, reps),
      lifecyclestage: pick(random, ['lead', 'opportunity', 'customer', 'customer']),
    }
    companies.push(insertSeeded(portal, 'companies', props, createdAt, updatedAt, source))
  }
  counts.companies = companies.length

  const contacts: HsRecord[] = []
  const stages = LIFECYCLE_STAGES.slice(0, 6).map((stage) => stage.value)
  for (let i = 0; i < (spec.contacts ?? 0); i += 1) {
    const firstname = pick(random, pools.firstNames)
    const lastname = pick(random, pools.lastNames)
    const company = companies.length > 0 ? companies[Math.floor(random() * companies.length)] : undefined
    const domain = company?.props['domain'] ?? 'mail.example'
    const [createdAt, updatedAt] = stamps()
    const props: Record<string, string> = {
      email: `${ascii(firstname)}.${ascii(lastname)}.${i + 1}@${domain}`,
      firstname,
      lastname,
      phone: `+1 555 ${String(1_000_000 + Math.floor(random() * 8_999_999)).slice(0, 3)} ${String(i % 10_000).padStart(4, '0')}`,
      jobtitle: pick(random, pools.jobTitles),
      city: pick(random, pools.cities),
      lifecyclestage: pick(random, stages),
      hubspot_owner_id: pick(random, owners),
    }
    if (company !== undefined) props['company'] = company.props['name'] ?? ''
    if (spec.salesforceIds === true)
      props['crmsync_salesforce_id'] = `003SB${String(i + 1).padStart(10, '0')}`
    const contact = insertSeeded(portal, 'contacts', props, createdAt, updatedAt, source)
    contacts.push(contact)
    if (company !== undefined && spec.engagements !== false) {
      const primary = portal.associations.type('contacts', 'companies', 1)
      if (primary !== undefined) portal.associations.add(primary, contact.id, company.id)
      contact.props['associatedcompanyid'] = String(company.id)
    }
  }
  counts.contacts = contacts.length
  // What association-effects.ts keeps on later writes: each company's count of associated contacts.
  const perCompany = new Map<string, number>()
  for (const contact of contacts) {
    const companyId = contact.props['associatedcompanyid']
    if (companyId !== undefined) perCompany.set(companyId, (perCompany.get(companyId) ?? 0) + 1)
  }
  for (const company of companies)
    company.props['num_associated_contacts'] = String(perCompany.get(String(company.id)) ?? 0)

  // Contacts by company id, so deals pick colleagues without scanning every contact per deal.
  const staff = new Map<string, HsRecord[]>()
  for (const contact of contacts) {
    const companyId = contact.props['associatedcompanyid']
    if (companyId === undefined) continue
    const list = staff.get(companyId) ?? []
    if (list.length < 3) list.push(contact)
    staff.set(companyId, list)
  }
  const pipeline = portal.pipelines.get('deals')?.[0]
  const dealStages = pipeline?.stages ?? []
  for (let i = 0; i < (spec.deals ?? 0); i += 1) {
    const company = companies.length > 0 ? companies[Math.floor(random() * companies.length)] : undefined
    const stage = pick(random, dealStages)
    const [createdAt, updatedAt] = stamps()
    const props: Record<string, string> = {
      dealname: `${company?.props['name'] ?? 'New'} - ${pick(random, ['Renewal', 'Expansion', 'New Business', 'Pilot'])}`,
      amount: String(1000 * (1 + Math.floor(random() * 200))),
      pipeline: pipeline?.id ?? 'default',
      dealstage: stage?.id ?? 'appointmentscheduled',
      closedate: new Date(now + Math.floor((random() - 0.3) * 180) * DAY).toISOString(),
      hubspot_owner_id: pick(random, reps),
      hs_is_closed: String(stage?.metadata['isClosed'] === 'true'),
      hs_deal_stage_probability: stage?.metadata['probability'] ?? '0.2',
      hs_is_closed_won: String(isClosedWonStage(portal, pipeline?.id, stage?.id)),
    }
    const deal = insertSeeded(portal, 'deals', props, createdAt, updatedAt, source)
    counts.deals += 1
    if (spec.engagements === false) continue
    const toCompany = portal.associations.type('deals', 'companies', 5)
    if (company !== undefined && toCompany !== undefined)
      portal.associations.add(toCompany, deal.id, company.id)
    const toContact = portal.associations.type('deals', 'contacts', 3)
    const colleagues = staff.get(String(company?.id)) ?? []
    for (const contact of colleagues)
      if (toContact !== undefined) portal.associations.add(toContact, deal.id, contact.id)
  }

  // What deal-rollups.ts keeps on later writes: the seeded contacts' and companies' deal roll-ups.
  if (counts.deals > 0 && spec.engagements !== false) {
    for (const contact of contacts) seedDealRollups(portal, 'contacts', contact)
    for (const company of companies) seedDealRollups(portal, 'companies', company)
  }

  if (spec.engagements !== false) {
    seedEngagements(portal, contacts, random, pools.phrases, source, counts, owners)
    counts.formSubmissions = seedForms(portal, contacts, random)
  }
  portal.eventsOn = wasOn
  return counts
}

/** Calls, notes, meetings, tasks and marketing email events on a slice of the contacts. */
function seedEngagements(
  portal: Portal,
  contacts: readonly HsRecord[],
  random: () => number,
  phrases: readonly string[],
  source: WriteSource,
  counts: SeedCounts,
  owners: readonly string[],
): void {
  const now = portal.clock.now()
  const kinds: ReadonlyArray<[ObjectTypeName, (phrase: string, at: number) => Record<string, string>]> = [
    [
      'calls',
      (p) => ({
        hs_call_title: `Call: ${p}`,
        hs_call_body: p,
        hs_call_direction: 'OUTBOUND',
        hs_call_status: 'COMPLETED',
        hs_call_duration: String(Math.floor(random() * 1_800_000)),
      }),
    ],
    ['notes', (p) => ({ hs_note_body: p })],
    [
      'meetings',
      (p, at) => ({
        hs_meeting_title: `Meeting: ${p}`,
        hs_meeting_start_time: new Date(at).toISOString(),
        hs_meeting_end_time: new Date(at + 1_800_000).toISOString(),
        hs_meeting_outcome: 'COMPLETED',
      }),
    ],
    [
      'tasks',
      (p) => ({
        hs_task_subject: `Follow up: ${p}`,
        hs_task_status: pick(random, ['NOT_STARTED', 'COMPLETED']),
        hs_task_priority: 'MEDIUM',
        hs_task_type: 'TODO',
      }),
    ],
  ]
  contacts.forEach((contact, index) => {
    if (index % 5 !== 0) return
    const [type, make] = kinds[(index / 5) % kinds.length] ?? kinds[0]!
    const at = now - Math.floor(random() * 90 * DAY)
    const props = {
      ...make(pick(random, phrases), at),
      hs_timestamp: new Date(at).toISOString(),
      hubspot_owner_id: pick(random, owners),
    }
    const engagement = insertSeeded(portal, type, props, at, at, source)
    const link = portal.associations.defaultType(type, 'contacts')
    if (link !== undefined) portal.associations.add(link, engagement.id, contact.id)
    counts.engagements += 1
  })
  contacts.forEach((contact, index) => {
    if (index % 4 !== 0) return
    const recipient = contact.props['email'] ?? ''
    const sent = now - Math.floor(random() * 30 * DAY)
    const campaign = 5000 + (index % 3)
    const events: Array<['SENT' | 'OPEN' | 'CLICK', number]> = [['SENT', sent]]
    if (random() < 0.5) events.push(['OPEN', sent + 3_600_000])
    if (random() < 0.2) events.push(['CLICK', sent + 7_200_000])
    for (const [type, created] of events) {
      portal.marketingEvents.push({
        id: `evt-${portal.marketingEvents.length + 1}`,
        type,
        recipient,
        created,
        emailCampaignId: campaign,
        ...(type === 'CLICK' ? { url: 'https://acme-demo.com/offer' } : {}),
      })
      counts.marketingEmailEvents += 1
    }
  })
}
