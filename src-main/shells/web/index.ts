export { startWebShell, type WebShell, type WebShellOptions } from './web-shell';
export { TOKEN_COOKIE } from './token-auth';
