export { kdniaoDataSign } from './kdniao-sign';
export * from './kdniao-protocol';
