import type { CliIO } from '../../cli/cli-io';
import { main } from '../../cli/nnlab';

/** Runs `nnlab …` in this process and keeps what it printed; `env` replaces the process's environment (NNLAB_LANG…). */
export async function nnlab(args: string[], env?: Record<string, string>): Promise<{ code: number; out: string[]; err: string[]; stdout: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (line) => out.push(line), err: (line) => err.push(line), ...(env === undefined ? {} : { env }) };
  const code = await main(args, io);
  return { code, out, err, stdout: out.join('\n') };
}

/** `nnlab … --json` parsed; fails loudly when the command did not succeed. */
export async function nnlabJson<T = unknown>(args: string[]): Promise<T> {
  const result = await nnlab([...args, '--json']);
  if (result.code !== 0) throw new Error(`nnlab ${args.join(' ')} exited ${result.code}: ${result.err.join('\n')}`);
  return JSON.parse(result.stdout) as T;
}
