import type { CliIO } from '../cli-io';

/** One `nnlab` subcommand. */
export interface Command {
  /** One line for the command list. */
  summary: string;
  /** Full usage text for `nnlab <command> --help`. */
  help: string;
  /** Usage of one subcommand for `nnlab <command> <subcommand> --help`, where it has its own. */
  subcommandHelp?: Readonly<Record<string, string>>;
  /** Runs the command; resolves to the exit code. Throws UsageError/SpecError/DatasetError for bad input. */
  run(args: string[], io: CliIO): Promise<number>;
}
