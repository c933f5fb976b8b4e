import type { Order } from './order';

/** A reason an order cannot be packed or printed as it stands. Codes are stable; people see translated text. */
export interface ValidationIssue {
  code:
    | 'missing-receiver-name'
    | 'missing-receiver-phone'
    | 'incomplete-address'
    | 'no-lines'
    | 'bad-quantity'
    | 'missing-barcode';
  field: string;
  message: string;
}

/**
 * Checks the rules that must hold before a waybill can be printed for an order. An order that fails is kept and
 * shown with these reasons; it is never printed and never dropped.
 */
export function validateOrder(order: Order): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const r = order.receiver;
  if (!r.name.trim())
    issues.push({ code: 'missing-receiver-name', field: 'receiver.name', message: 'receiver name is empty' });
  if (!r.phone.trim())
    issues.push({ code: 'missing-receiver-phone', field: 'receiver.phone', message: 'receiver phone is empty' });
  if (!r.city.trim() || !r.address.trim()) {
    issues.push({
      code: 'incomplete-address',
      field: 'receiver.address',
      message: 'receiver city or street address is empty',
    });
  }
  if (r.country === 'CN' && !(r.province ?? '').trim()) {
    issues.push({
      code: 'incomplete-address',
      field: 'receiver.province',
      message: 'Chinese address without a province',
    });
  }
  if (order.lines.length === 0) issues.push({ code: 'no-lines', field: 'lines', message: 'order has no lines' });
  for (const line of order.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      issues.push({
        code: 'bad-quantity',
        field: `lines[${line.lineNo}].quantity`,
        message: `line ${line.lineNo} quantity ${line.quantity} is not a positive whole number`,
      });
    }
    if (!line.barcode.trim()) {
      issues.push({
        code: 'missing-barcode',
        field: `lines[${line.lineNo}].barcode`,
        message: `line ${line.lineNo} (${line.sku}) has no barcode to scan`,
      });
    }
  }
  return issues;
}
