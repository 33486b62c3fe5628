import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../../../engine/api/parse-run-spec';
import type { RunSpecInput } from '../../../../engine/api/run-spec';
import { buildProgram } from '../../../../engine/lab/export-script/program';
import { jupyterNotebook } from '../../../../engine/lab/export-script';
import { findPreset, type TrainPreset } from '../../../../engine/lab/presets';
import { pythonHas, runPython, scratchFolder, writeScratch } from './python';

interface Cell {
  cell_type: string;
  id: string;
  metadata: object;
  source: string[];
  execution_count?: null;
  outputs?: { output_type: string; data?: Record<string, unknown>; text?: string | string[] }[];
}
interface Notebook {
  cells: Cell[];
  metadata: { kernelspec: { name: string; language: string; display_name: string }; language_info: { name: string } };
  nbformat: number;
  nbformat_minor: number;
}

const HOSTILE_NAME = 'Run "A"\n"""\nimport os; os.remove("x")\n<script>alert(1)</script> **bold** \u202e';

const SPEC: RunSpecInput = {
  version: 1,
  name: HOSTILE_NAME,
  seed: 3,
  dtype: 'float64',
  dataset: { name: 'circle', samples: 80, noise: 0.1 },
  layers: [{ units: 5, activation: 'relu', batchNorm: true, dropout: 0.2 }, { units: 4, activation: 'sigmoid' }, { units: 1, activation: 'sigmoid' }],
  optimizer: { name: 'adam', lr: 0.01 },
  training: { batchSize: 10, epochs: 2 },
  diagnostics: { every: 2, bins: 10 },
};

const hasPython = pythonHas();
const JUPYTER = '/usr/bin/jupyter-nbconvert';
const canRunNotebooks = existsSync(JUPYTER) && pythonHas('torch', 'numpy', 'matplotlib', 'ipykernel');
if (!hasPython) console.warn('skipped: compiling the notebook needs /usr/bin/python3');
if (!canRunNotebooks) console.warn('skipped: running the notebook needs jupyter-nbconvert, python3-ipykernel, python3-matplotlib and python3-torch');

function notebookOf(input: RunSpecInput, lang: 'ko' | 'en' = 'en'): Notebook {
  return JSON.parse(jupyterNotebook(parseRunSpec(input), lang)) as Notebook;
}

function codeOf(notebook: Notebook): string {
  return notebook.cells.filter((cell) => cell.cell_type === 'code').map((cell) => cell.source.join('')).join('\n\n');
}

describe('the exported Jupyter notebook', () => {
  it('is nbformat 4.5 JSON: cells with ids, metadata and sources as lines, a Python 3 kernelspec', () => {
    for (const lang of ['ko', 'en'] as const) {
      const notebook = notebookOf(SPEC, lang);
      expect(notebook.nbformat).toBe(4);
      expect(notebook.nbformat_minor).toBe(5);
      expect(notebook.metadata.kernelspec).toEqual({ display_name: 'Python 3', language: 'python', name: 'python3' });
      expect(notebook.metadata.language_info.name).toBe('python');
      expect(new Set(notebook.cells.map((cell) => cell.id)).size).toBe(notebook.cells.length);
      for (const cell of notebook.cells) {
        expect(['markdown', 'code']).toContain(cell.cell_type);
        expect(cell.id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
        expect(cell.metadata).toEqual({});
        expect(cell.source.length).toBeGreaterThan(0);
        cell.source.slice(0, -1).forEach((line) => expect(line.endsWith('\n')).toBe(true));
        expect(cell.source.at(-1)!.endsWith('\n')).toBe(false);
        if (cell.cell_type === 'code') {
          expect(cell.execution_count).toBeNull();
          expect(cell.outputs).toEqual([]);
        } else {
          expect('outputs' in cell).toBe(false);
        }
      }
    }
  });

  it('explains, then gives the data, the network, the training loop and the diagnostic plots, each section of the script in its own cell', () => {
    const notebook = notebookOf(SPEC);
    const program = buildProgram(parseRunSpec(SPEC), 'en');
    const code = notebook.cells.filter((cell) => cell.cell_type === 'code').map((cell) => cell.source.join(''));
    expect(code.slice(0, program.sections.length)).toEqual(program.sections.map((section) => section.code));
    const headings = notebook.cells.filter((cell) => cell.cell_type === 'markdown').map((cell) => cell.source[0]!.trim());
    expect(headings).toEqual(expect.arrayContaining(['## Data', '## The network', '## The training loop', '## Diagnostic plots: the loss curve and each layer\'s gradient size']));
    const plots = code.at(-1)!;
    expect(plots).toContain('import matplotlib.pyplot as plt');
    expect(plots).toContain('gradNorm');
    expect(plots).toContain('set_yscale("log")');
  });

  it("keeps a hostile run name as text: escaped in the title's Markdown, a string literal in the code", () => {
    const notebook = notebookOf(SPEC);
    const title = notebook.cells[0]!.source.join('');
    expect(title).not.toMatch(/<script>|\*\*bold|\u202e/u);
    expect(title).toContain('&lt;script&gt;');
    const code = codeOf(notebook);
    expect(code).toContain('RUN_NAME = "Run \\"A\\"\\u000a\\"\\"\\"\\u000aimport os; os.remove(\\"x\\")\\u000a<script>alert(1)</script> **bold** \\u202e"');
    expect(code).not.toMatch(/^import os; os\.remove/m);
  });

  it.skipIf(!hasPython)('has code cells that, read in order, are one Python program that compiles (Korean and English)', () => {
    for (const lang of ['ko', 'en'] as const) {
      const file = writeScratch('notebook_code.py', codeOf(notebookOf(SPEC, lang)));
      runPython(['-m', 'py_compile', file]);
    }
    const mnist = structuredClone((findPreset('init-mnist-he') as TrainPreset).spec);
    runPython(['-m', 'py_compile', writeScratch('mnist_code.py', codeOf(notebookOf(mnist, 'ko')))]);
  });

  it.skipIf(!canRunNotebooks)('runs headless in Jupyter: the training prints its evaluations and the plots are drawn', () => {
    const folder = scratchFolder();
    const input = join(folder, 'run.ipynb');
    writeFileSync(input, jupyterNotebook(parseRunSpec(SPEC), 'ko'));
    const result = spawnSync(JUPYTER, ['--to', 'notebook', '--execute', '--output', 'executed.ipynb', input], { encoding: 'utf8', timeout: 240_000 });
    expect(result.status, result.stderr).toBe(0);
    const executed = JSON.parse(readFileSync(join(folder, 'executed.ipynb'), 'utf8')) as Notebook;
    const outputs = executed.cells.flatMap((cell) => cell.outputs ?? []);
    expect(outputs.some((output) => output.output_type === 'error')).toBe(false);
    const printed = outputs.map((output) => [output.text ?? ''].flat().join('')).join('');
    // 40 training points (half of 80) in batches of 10, 2 epochs.
    expect(printed).toMatch(/"type": "end", "status": "completed", "steps": 8,/);
    expect(outputs.some((output) => output.data !== undefined && 'image/png' in output.data)).toBe(true);
  });
});
