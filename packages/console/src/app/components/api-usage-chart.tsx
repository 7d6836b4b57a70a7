import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

import type { Overview } from '../api/api-types'
import { mergeHourly } from '../api-usage'
import { formatIso, formatNumber } from '../format'

function hourLabel(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
}

/** API calls per hour over the last 24 h, per side. */
export function ApiUsageChart({ usage }: { usage: Overview['apiUsage'] }) {
  const data = mergeHourly(usage)
  if (data.length === 0) return <p className="muted">No API calls in the last 24 hours.</p>
  return (
    <div
      className="chart"
      data-testid="api-usage-chart"
      role="img"
      aria-label={`API calls per hour over the last 24 hours: Salesforce ${formatNumber(usage.salesforce.used24h)}, HubSpot ${formatNumber(usage.hubspot.used24h)}`}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="hour" tickFormatter={hourLabel} />
          <YAxis allowDecimals={false} tickFormatter={(value: number) => formatNumber(value)} />
          <Tooltip
            labelFormatter={(label) => formatIso(Number(label))}
            formatter={(value) => (typeof value === 'number' ? formatNumber(value) : String(value))}
          />
          <Legend />
          <Bar dataKey="salesforce" name="Salesforce" fill="#0b6bcb" isAnimationActive={false} />
          <Bar dataKey="hubspot" name="HubSpot" fill="#e8590c" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
