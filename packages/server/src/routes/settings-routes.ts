import type { SettingsChange } from '../api-types.js'
import { applySettings, checkSettingsChange, settingsView } from '../config-edit/index.js'
import { isWritable, NO_CONFIG_FILE, sendSaveResult } from './config-route-helpers.js'
import { servedConnection } from './connection-routes.js'
import type { ApiRoutes } from './route-types.js'

/** The settings editor: the switches the console edits, written into the configuration file. */
export const settingsRoutes: ApiRoutes = (app, { deps, configEditor }) => {
  app.get<{ Params: { id: string } }>('/api/connections/:id/settings', async (request, reply) => {
    const connection = servedConnection(deps, request.params.id, reply)
    if (connection === undefined) return reply
    return settingsView(connection.connection(), await isWritable(deps.configFile))
  })

  app.patch<{ Params: { id: string }; Body: SettingsChange }>(
    '/api/connections/:id/settings',
    async (request, reply) => {
      const connection = servedConnection(deps, request.params.id, reply)
      if (connection === undefined) return reply
      if (configEditor === undefined) return sendSaveResult(reply, NO_CONFIG_FILE, 409)
      const changes = (request.body as Partial<SettingsChange> | undefined)?.changes
      const result = await configEditor.edit(connection.id, (doc, base) => {
        const problems = checkSettingsChange(base, changes)
        if (problems.length > 0) return { ok: false, problems }
        applySettings(doc, base, changes as SettingsChange['changes'])
        return { ok: true }
      })
      return sendSaveResult(reply, result)
    },
  )
}
