// The configured mappings live with the console's read models (one implementation for doctor, explain,
// resync and the console's record card); this entry point loads no store driver, so `--help` stays fast.
export {
  configuredCompanyMappings,
  configuredContactMappings,
  configuredDealMappings,
} from '@crmsync/server/mappings'
