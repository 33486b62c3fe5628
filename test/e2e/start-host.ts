import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A running browser host: its URL (with the launch token) and how to stop it. */
export interface StartedHost {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts `nnlab serve` with these arguments and environment, and resolves once it prints its
 * address. The renderer must be built (npm test builds before it runs the tests).
 */
export async function startHost(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<StartedHost> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const host = spawn(process.execPath, ['--import', 'tsx', 'cli/bin.ts', 'serve', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the browser host did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    host.stdout.on('data', onData);
    host.stderr.on('data', onData);
    host.on('exit', (code) => reject(new Error(`the browser host exited (${code}):\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => host.once('exit', resolve));
      host.kill('SIGTERM');
      await exited;
    },
  };
}
