import { commands, type CommandName } from '../../src-main/contract';
import type { CommandHandlers } from '../../src-main/station/station-api';

/**
 * A complete handler table for shell and dispatch tests: the commands a test cares about are given, every other
 * declared command rejects with a message naming it, so a test that reaches one by mistake fails loudly.
 */
export function fakeHandlers(given: Partial<CommandHandlers>): CommandHandlers {
  const table: Record<string, unknown> = {};
  for (const name of Object.keys(commands) as CommandName[]) {
    table[name] = given[name] ?? (() => Promise.reject(new Error(`${name} is not part of this fake station`)));
  }
  return table as CommandHandlers;
}
