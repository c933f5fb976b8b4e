// Everything carrier-side. Today: the offline number ranges (carriers' own numbering schemes and the station's
// own numbers) and the local carrier; the carrier connection (kdniao/) joins them.
export * from './offline-ranges';
export * from './local-carrier';
export * from './carrier-connector';
export * from './carrier-accounts';
export * from './shipper-catalogue';
export * from './kdniao';
