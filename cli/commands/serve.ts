import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSettingCorruptAside } from '../../engine/history/corrupt-set-aside';
import { defaultDbPath } from '../../engine/service/default-db-path';
import { DB_HELP, DB_OPTION } from '../cli-history';
import { UsageError, type CliIO } from '../cli-io';
import { integerOption, parseOptions } from '../parse-options';
import { languageOf, say, type Localized } from '../cli-language';
import { withParticle } from '../../engine/lab/claims/wording/korean-particles';
import type { WebHost } from '../serve/web-host';
import type { Command } from './command';

const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What `electron-vite build` makes of renderer/ (`npm run web` builds it when missing or stale). */
export const RENDERER_DIR = join(APP_ROOT, 'out', 'renderer');

const HELP: Localized = {
  en: `Usage: nnlab serve [--port N] [--db PATH] [--open]

Runs NN Lab in a browser on this computer: the same app as the desktop version (same run
history, same training workers), served at http://127.0.0.1 only. Prints one line with the
address to open; it carries a token made for this launch, and nothing answers without it.
"npm run web" builds the app first when needed, then runs this.

Options:
  --port N       port on 127.0.0.1 (default: a free one chosen by the system)
${DB_HELP.en}
  --open         open the address in the default browser
  -h, --help     show this help

Ctrl-C stops the host: runs still training end "stopped", with everything recorded kept.`,
  ko: `사용법: nnlab serve [--port N] [--db PATH] [--open]

이 컴퓨터의 브라우저에서 NN Lab을 실행합니다: 데스크톱 앱과 같은 앱 (같은 실행 기록, 같은 학습
작업자)을 http://127.0.0.1에서만 엽니다. 열 주소를 한 줄로 보여 줍니다; 주소에는 이번 실행을 위해
만든 토큰이 들어 있고, 토큰이 없으면 아무것도 응답하지 않습니다.
"npm run web"은 필요하면 앱을 먼저 빌드한 다음 이 명령을 실행합니다.

옵션:
  --port N       127.0.0.1의 포트 (기본값: 시스템이 고른 빈 포트)
${DB_HELP.ko}
  --open         기본 브라우저로 주소를 엽니다
  -h, --help     이 도움말을 보여 줍니다

Ctrl-C를 누르면 멈춥니다: 학습 중인 실행은 "중지됨"으로 끝나고 기록된 것은 모두 남습니다.`,
};

const OPTIONS = { port: { type: 'string' }, open: { type: 'boolean' }, ...DB_OPTION } as const;

/** `nnlab serve`: the browser host (DESIGN.md, "Two ways to run the same app"). */
export const serveCommand: Command = {
  summary: { en: 'run the app in this computer\'s browser (127.0.0.1, with a launch token)', ko: '이 컴퓨터의 브라우저에서 앱을 실행합니다 (127.0.0.1, 실행마다 토큰)' },
  help: HELP,
  run: (args, io) => runServe(args, io),
};

/** Serves until `stop` resolves (default: Ctrl-C or SIGTERM), then closes the host and the service. */
export async function runServe(args: string[], io: CliIO, stop: Promise<unknown> = interrupted(io), rendererDir = RENDERER_DIR): Promise<number> {
  const { values } = parseOptions('serve', args, OPTIONS);
  const port = integerOption('port', values.port, 0) ?? 0;
  if (port > 65535) throw new UsageError(`--port: ${port} is not a port (0 to 65535)`, `--port: ${withParticle(String(port), '은/는')} 포트 번호가 아닙니다 (0~65535)`);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new UsageError(`the app is not built (${join(rendererDir, 'index.html')} is missing): use "npm run web", which builds it first`, `앱이 빌드되지 않았습니다 (${join(rendererDir, 'index.html')} 없음): 앱을 먼저 빌드하는 "npm run web"을 쓰세요`);
  }
  // Loaded here, not at the top: other nnlab commands need neither the service, nor ws, nor devalue.
  const [{ LabService }, { createLabApiHandler }, { startWebHost }] = await Promise.all([
    import('../../engine/service/lab-service'),
    import('../../engine/service/lab-api-handler'),
    import('../serve/web-host'),
  ]);
  const appVersion = readAppVersion();
  const open = (dbPath: string) => LabService.open({ dbPath, appVersion });
  // The app's own history (no --db) is moved aside when damaged, as the desktop app does; a file
  // named with --db is refused instead, the person who chose it decides.
  const { opened: service, notices } = values.db === undefined ? openSettingCorruptAside(defaultDbPath(), open) : { opened: open(values.db), notices: [] };
  for (const notice of notices) io.err(`NN Lab: ${notice.message}`);
  service.addNotices(notices);
  let host: WebHost;
  try {
    host = await startWebHost({
      rendererDir,
      handler: createLabApiHandler(service, { appVersion, transport: 'browser' }),
      subscribe: (listener) => service.subscribe(listener),
      port,
    });
  } catch (error) {
    await service.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${port} on 127.0.0.1 is in use; choose another with --port, or leave it out`, `127.0.0.1의 포트 ${withParticle(String(port), '은/는')} 이미 쓰이고 있습니다; --port로 다른 포트를 고르거나 --port를 빼세요`);
    throw error;
  }
  io.out(say(languageOf(io), `NN Lab이 ${host.url}에서 실행 중입니다 (끝내려면 Ctrl+C)`, `NN Lab is running at ${host.url} (Ctrl+C to stop)`));
  if (values.open) openBrowser(host.url, io);
  await stop;
  // LabService.close() waits on unref'd workers: without a handle of our own the process could exit
  // before the runs' ends are recorded.
  const keepAlive = setInterval(() => {}, 1000);
  try {
    await host.close();
    await service.close();
  } finally {
    clearInterval(keepAlive);
  }
  return 0;
}

/** Resolves at the first Ctrl-C or SIGTERM; a second Ctrl-C while closing exits at once. */
function interrupted(io: CliIO): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      io.err(say(languageOf(io), 'NN Lab: 끝내는 중입니다 (학습 중인 실행은 "중지됨"으로 끝납니다)…', 'NN Lab: stopping (runs in progress end "stopped")…'));
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function readAppVersion(): string {
  const manifest = JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

/** The system's way to open a URL in the default browser; a failure only costs a note. */
function openBrowser(url: string, io: CliIO): void {
  const child =
    process.platform === 'win32'
      ? // The URL is 127.0.0.1 with a base64url token: nothing cmd.exe would interpret.
        spawn('cmd.exe', ['/d', '/s', '/c', `start "" "${url}"`], { stdio: 'ignore', detached: true, windowsHide: true, windowsVerbatimArguments: true })
      : spawn(process.platform === 'darwin' ? 'open' : 'xdg-open', [url], { stdio: 'ignore', detached: true });
  child.on('error', () => io.err(say(languageOf(io), 'NN Lab: 브라우저를 열지 못했습니다; 위 주소를 직접 여세요', 'NN Lab: could not open a browser; open the address above yourself')));
  child.unref();
}
