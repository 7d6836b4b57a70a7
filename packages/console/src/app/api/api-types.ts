// The console API's shapes, from the one file both sides share. A relative path to that file rather than
// '@crmsync/server': the server's entry also names its Fastify and engine types, which would drag the whole
// server into this browser build's type check. `export type` only: nothing of the server is bundled.
export type * from '../../../../server/src/api-types.js'
