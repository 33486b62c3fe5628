import { classCommand } from './class';
import type { Command } from './command';
import { exportScriptCommand } from './export-script';
import { handInCommand } from './handin';
import { packCommand } from './pack';
import { presetsCommand } from './presets';
import { probeCommand } from './probe';
import { runsCommand } from './runs';
import { serveCommand } from './serve';
import { trainCommand } from './train';
import { walkthroughCommand } from './walkthrough';

/** Every `nnlab` subcommand by name. */
export const COMMANDS: Record<string, Command> = {
  train: trainCommand,
  runs: runsCommand,
  presets: presetsCommand,
  probe: probeCommand,
  walkthrough: walkthroughCommand,
  serve: serveCommand,
  pack: packCommand,
  handin: handInCommand,
  class: classCommand,
  'export-script': exportScriptCommand,
};
