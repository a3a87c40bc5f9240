import type { ParseArgsConfig } from 'node:util';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One `kinship` subcommand. `run` resolves to the exit code, or never for long-running ones. */
export interface Command {
  summary: string;
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: OptionValues, positionals: string[]): Promise<number>;
}
