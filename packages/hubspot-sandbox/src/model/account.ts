/**
 * The portal's account settings that `GET /account-info/v3/details` reports (api-surface.md 3.1). The time
 * zone matters to a sync: HubSpot shows date properties and converts date <-> datetime in it.
 */
export interface AccountSettings {
  /** An IANA zone name as HubSpot spells it; portals created in the US often say 'US/Eastern'. */
  timeZone: string
  companyCurrency: string
  additionalCurrencies: string[]
}

/**
 * What a new sandbox portal has: HubSpot's own documented example (a US portal hosted in na1, which the
 * sandbox's `pat-na1-` token also implies). Real portals always have a zone, set at sign-up; UTC is rare.
 */
export const DEFAULT_ACCOUNT_SETTINGS: Readonly<AccountSettings> = {
  timeZone: 'US/Eastern',
  companyCurrency: 'USD',
  additionalCurrencies: [],
}

/** Whether the runtime knows the zone (a zone HubSpot could not convert in must not be accepted). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}

/** The zone's offset from UTC at an instant, in ms (DST-aware, as HubSpot reports it for "now"). */
export function utcOffsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at)
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value)
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  )
  return wall - Math.floor(at / 1000) * 1000
}

/** `-05:00`, `+05:30`, `+00:00`: HubSpot's `utcOffset`. */
export function formatUtcOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+'
  const minutes = Math.abs(Math.round(offsetMs / 60_000))
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0')
  const mm = String(minutes % 60).padStart(2, '0')
  return `${sign}${hh}:${mm}`
}

/** The body of `GET /account-info/v3/details` for this portal at `now`. */
export function accountDetailsJson(portalId: number, settings: AccountSettings, now: number) {
  const offset = utcOffsetMs(settings.timeZone, now)
  return {
    portalId,
    accountType: 'STANDARD',
    timeZone: settings.timeZone,
    companyCurrency: settings.companyCurrency,
    additionalCurrencies: [...settings.additionalCurrencies],
    utcOffset: formatUtcOffset(offset),
    utcOffsetMilliseconds: offset,
    uiDomain: 'app.hubspot.com',
    dataHostingLocation: 'na1',
  }
}
