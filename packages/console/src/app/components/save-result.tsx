import type { ConfigSaveResult } from '../api/api-types'

/** What a save of mappings or settings did: written, the YAML to commit, or why it was refused. */
export function SaveResult({ result }: { result: ConfigSaveResult }) {
  if (!result.ok) {
    return (
      <div role="alert" className="notice notice-error" data-testid="save-problems">
        <p>Not saved: nothing changed.</p>
        <ul>
          {result.problems.map((problem, index) => (
            <li key={`${problem.path}:${index}`}>
              {problem.path !== '' && <code>{problem.path}</code>} {problem.message}
            </li>
          ))}
        </ul>
      </div>
    )
  }
  if (result.written) {
    return (
      <p role="status" className="notice notice-ok" data-testid="save-written">
        Saved to {result.file}; the engine uses it from its next cycle.
      </p>
    )
  }
  return (
    <div role="status" className="notice notice-warn" data-testid="save-yaml">
      <p>
        Valid, but the configuration file could not be written ({result.reason}). Commit this configuration
        yourself:
      </p>
      <pre data-testid="save-yaml-text">{result.yaml}</pre>
    </div>
  )
}
