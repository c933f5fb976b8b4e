// The embedded sandboxes a new user meets: the demo ERP now, the demo carrier later. Only compose.ts and the
// CLI's demo-erp command import this folder.
export * from './erp';
