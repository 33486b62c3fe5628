import type { RunSpec } from '../../api/run-spec';
import type { ExportLanguage } from './export-words';
import { jupyterNotebook } from './jupyter-notebook';
import { pytorchScript } from './pytorch-script';

export type { ExportLanguage } from './export-words';
export { jupyterNotebook } from './jupyter-notebook';
export { pytorchScript } from './pytorch-script';

/** The formats a run can be exported to as a program. */
export const EXPORT_SCRIPT_FORMATS = ['pytorch', 'notebook'] as const;
export type ExportScriptFormat = (typeof EXPORT_SCRIPT_FORMATS)[number];

/** A parsed spec as a PyTorch script (.py) or a Jupyter notebook (.ipynb) text. */
export function exportScript(spec: RunSpec, format: ExportScriptFormat, lang: ExportLanguage = 'ko'): string {
  return format === 'notebook' ? jupyterNotebook(spec, lang) : pytorchScript(spec, lang);
}
