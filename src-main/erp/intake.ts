/**
 * Order intake: map → standardize → validate, the same for every connector. The stages live in ./intake/; this
 * file keeps `import { toOrder } from '…/erp/intake'` working.
 */
export * from './intake/index';
