// The boundaries of DESIGN.md, as lint rules: which folder may import what. A later config block
// replaces an earlier block's options for the same rule, so each folder's block lists all of its
// restrictions (built by `restrictImports`). test/lint/boundaries.test.ts proves each kind fails.

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tty', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];

const ENGINE_FOLDERS = ['api', 'nn', 'lab', 'data', 'train', 'history', 'service'];

/** A relative import into one of `folders` (engine/<folder>/…) from a file inside engine/. */
const siblingFolder = (folders) => `(^|/)\\.\\./(\\.\\./)*(${folders.join('|')})(/|$)`;

/** no-restricted-imports options: bare names (exact) in `paths`, globs and regexes in `patterns`. */
function restrictImports({ names = [], patterns = [] }) {
  return ['error', { paths: names, patterns }];
}

const noNode = (message) => ({
  names: NODE_BUILTINS.map((name) => ({ name, message })),
  patterns: [{ group: ['node:*'], message }],
});

const notElectron = { group: ['electron', 'electron/*'], message: 'only electron/ imports electron' };

/** Globals of Node or the DOM that pure code must not touch (tsconfig.engine.json refuses them too). */
const HOST_GLOBALS = ['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate', 'document', 'window', 'navigator', 'localStorage'].map((name) => ({
  name,
  message: 'pure engine code runs anywhere (worker, page, Node): inject what the host provides instead',
}));

/** The renderer knows the LabApi contract and the lesson content, nothing else of the app. */
export const rendererBoundaries = [
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': restrictImports({
        names: noNode('the renderer runs in a browser: no Node APIs').names,
        patterns: [
          ...noNode('the renderer runs in a browser: no Node APIs').patterns,
          { ...notElectron, message: 'the renderer talks to the app only through LabApi' },
          { group: ['**/electron/**', '**/cli/**', '**/engine/**'], message: 'the renderer reaches the engine only through $engine/api/… and $engine/lab/…' },
          { regex: '^\\$engine/(?!(api|lab)/)', message: 'the renderer may import only the contract ($engine/api/…) and the lesson content ($engine/lab/…)' },
        ],
      }),
    },
  },
];

/**
 * What each engine folder may import from the others (nothing in engine/ imports electron,
 * renderer/ or cli/): the contract and the math stand alone, the lesson content adds only them
 * (so the page, which imports api/ and lab/, never pulls in the trainer, the history or the
 * WebAssembly kernels' training path), the history knows only the contract.
 */
const ENGINE_MAY_IMPORT = {
  api: ['nn'],
  nn: ['api'],
  lab: ['api', 'nn'],
  data: ['api', 'nn'],
  train: ['api', 'nn', 'data'],
  history: ['api'],
  service: ENGINE_FOLDERS,
};

/** Folders whose code runs anywhere: no Node API, no DOM. */
const PURE = ['engine/nn/**', 'engine/api/**', 'engine/lab/**', 'engine/data/**', 'engine/train/**'];
const NOT_PURE = ['engine/train/pool/**', 'engine/data/node-*.ts'];

export const engineBoundaries = [
  ...Object.entries(ENGINE_MAY_IMPORT).map(([folder, allowed]) => {
    const forbidden = ENGINE_FOLDERS.filter((other) => other !== folder && !allowed.includes(other));
    const layering = (pure) => [
      notElectron,
      { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'engine imports nothing from renderer/, electron/ or cli/' },
      ...(forbidden.length > 0 ? [{ regex: siblingFolder(forbidden), message: `engine/${folder} may import only ${allowed.length > 0 ? allowed.map((f) => `engine/${f}`).join(', ') : 'itself'} of the engine` }] : []),
      ...(pure ? noNode(`engine/${folder} is pure: no Node APIs here (inject them from the caller)`).patterns : []),
    ];
    const isPure = PURE.includes(`engine/${folder}/**`);
    const blocks = [
      {
        files: [`engine/${folder}/**`],
        ...(isPure ? { ignores: NOT_PURE } : {}),
        ...(isPure ? { languageOptions: { globals: {} } } : {}),
        rules: {
          'no-restricted-imports': restrictImports({
            names: isPure ? noNode(`engine/${folder} is pure: no Node APIs here (inject them from the caller)`).names : [],
            patterns: layering(isPure),
          }),
          ...(isPure ? { 'no-restricted-globals': ['error', ...HOST_GLOBALS] } : {}),
        },
      },
    ];
    if (isPure) {
      // The Node-side parts of a pure folder (the worker pool, the MNIST file loader) keep the layering only.
      blocks.push({ files: NOT_PURE.filter((glob) => glob.startsWith(`engine/${folder}/`)), rules: { 'no-restricted-imports': restrictImports({ patterns: layering(false) }) } });
    }
    return blocks;
  }).flat().filter((block) => block.files.length > 0),
  {
    files: ['engine/*.ts'],
    rules: { 'no-restricted-imports': restrictImports({ patterns: [notElectron, { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'engine imports nothing from renderer/, electron/ or cli/' }] }) },
  },
  {
    files: ['cli/**'],
    rules: { 'no-restricted-imports': restrictImports({ patterns: [{ ...notElectron, message: 'the CLI runs in plain Node: no electron' }, { group: ['**/renderer/**', '**/electron/**'], message: 'the CLI uses the engine, not the app shell or the page' }] }) },
  },
  {
    files: ['electron/**'],
    rules: { 'no-restricted-imports': restrictImports({ patterns: [{ group: ['**/renderer/**', '**/cli/**'], message: 'the shell uses the engine (LabService); the page is loaded, not imported' }] }) },
  },
];
