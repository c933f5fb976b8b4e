export { startWebShell, type WebShell, type WebShellOptions } from './web-shell';
export { TOKEN_COOKIE, tokenCookieName } from './token-auth';
export * from './web-access-files';
