import { plainText } from '../../api/plain-text';
import type { RunSpec } from '../../api/run-spec';
import type { ExportLanguage, ExportWords } from './export-words';
import { buildProgram } from './program';
import { markdownText, pyString } from './python-literal';

interface NotebookCell {
  cell_type: 'markdown' | 'code';
  id: string;
  metadata: Record<string, never>;
  source: string[];
  execution_count?: null;
  outputs?: never[];
}

/**
 * The run as a Jupyter notebook (nbformat 4.5): the script's sections as explained cells, then a
 * cell that trains (keeping every event in `events`) and the lecture's diagnostic plots with
 * matplotlib (the loss curve, each layer's gradient norm on a log scale). Its code cells, read in
 * order, are one Python program.
 */
export function jupyterNotebook(spec: RunSpec, lang: ExportLanguage = 'ko'): string {
  const { words, sections, usesMnist } = buildProgram(spec, lang);
  const cells: NotebookCell[] = [];
  const add = (type: NotebookCell['cell_type'], text: string) => {
    const cell: NotebookCell = { cell_type: type, id: `cell-${cells.length + 1}`, metadata: {}, source: sourceLines(text) };
    if (type === 'code') Object.assign(cell, { execution_count: null, outputs: [] });
    cells.push(cell);
  };
  const name = plainText(spec.name ?? '').trim();
  add('markdown', `# ${words.title}${name === '' ? '' : `: ${markdownText(name)}`}\n\n${words.intro.join('\n')}`);
  for (const section of sections) {
    add('markdown', `## ${section.heading}\n\n${section.explanation.join('\n')}`.trimEnd());
    add('code', section.code);
  }
  add('markdown', `## ${words.runTitle}`);
  add('code', runCode(usesMnist, words));
  add('markdown', `## ${words.plotsTitle}\n\n${words.plots}`);
  add('code', plotsCode(words));
  const notebook = {
    cells,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** nbformat keeps a cell's text as lines, each but the last ending in "\n". */
function sourceLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line)).filter((line) => line !== '');
}

function runCode(usesMnist: boolean, words: ExportWords): string {
  return `MNIST_DIR = ${usesMnist ? pyString('mnist') : 'None'}  # ${words.mnistDir}
events = []


def keep_and_show(event):
    events.append(event)
    if event["type"] in ("eval", "end"):
        print(json.dumps(event))


train(load_data(MNIST_DIR), keep_and_show)`;
}

function plotsCode(words: ExportWords): string {
  return `import matplotlib.pyplot as plt

steps = [e for e in events if e["type"] == "step"]
evals = [e for e in events if e["type"] == "eval"]
diagnostics = [e for e in events if e["type"] == "diagnostics"]

figure, (loss_axes, gradient_axes) = plt.subplots(1, 2, figsize=(12, 4))
loss_axes.plot([e["step"] for e in steps], [e["loss"] for e in steps], linewidth=0.8, label=${pyString(words.stepLabel)})
for split, label in (("train", ${pyString(words.trainLabel)}), ("test", ${pyString(words.testLabel)})):
    points = [(e["step"], e[split]["loss"]) for e in evals if split in e]
    if points:
        loss_axes.plot(*zip(*points), marker="o", label=label)
loss_axes.set_xlabel(${pyString(words.stepAxis)})
loss_axes.set_ylabel(${pyString(words.lossAxis)})
loss_axes.legend()

for layer in range(len(diagnostics[0]["layers"]) if diagnostics else 0):
    gradient_axes.plot([e["step"] for e in diagnostics], [e["layers"][layer]["gradNorm"] for e in diagnostics], label=f"${words.layer} {layer + 1}")
gradient_axes.set_yscale("log")
gradient_axes.set_xlabel(${pyString(words.stepAxis)})
gradient_axes.set_ylabel(${pyString(words.gradAxis)})
gradient_axes.legend()
plt.tight_layout()
plt.show()`;
}
