import type { ValidationIssue } from '../../domain';

/**
 * Why an order needs attention. The domain's validation codes plus what intake finds. Codes are stable; people
 * see the message (and the renderer may translate the code).
 */
export type IntakeIssueCode =
  | ValidationIssue['code']
  | 'missing-order-number'
  | 'malformed-order'
  | 'missing-receiver'
  | 'invalid-phone'
  | 'unknown-region'
  | 'unknown-country'
  | 'invalid-postcode'
  | 'missing-weight'
  | 'invalid-weight'
  | 'invalid-dimensions'
  | 'unknown-status'
  | 'duplicate-order';

/** One reason an order cannot be printed as it stands. */
export interface IntakeIssue {
  code: IntakeIssueCode;
  field: string;
  message: string;
}
