import type { CliIO } from '../cli-io';
import type { Localized } from '../cli-language';

/** One `nnlab` subcommand. */
export interface Command {
  /** One line for the command list, in both languages. */
  summary: Localized;
  /** Full usage text for `nnlab <command> --help`, in both languages. */
  help: Localized;
  /** Usage of one subcommand for `nnlab <command> <subcommand> --help`, where it has its own. */
  subcommandHelp?: Readonly<Record<string, Localized>>;
  /** Runs the command; resolves to the exit code. Throws UsageError/SpecError/DatasetError for bad input. */
  run(args: string[], io: CliIO): Promise<number>;
}
