// The configured mappings live with the console's read models (one implementation for doctor, explain,
// resync and the console's record card).
export {
  configuredCompanyMappings,
  configuredContactMappings,
  configuredDealMappings,
} from '@crmsync/server/queries'
