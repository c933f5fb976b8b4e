export { kdniaoDataSign } from './kdniao-sign';
