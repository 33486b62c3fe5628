/**
 * How a sheet's predictions and answers are kept in the student's lab notebook (LabApi
 * getLabNotebook / saveLabNotebookEntry).
 */

/**
 * The notebook key of a prediction (value: a LabPrediction) or of a question's answer (value: the
 * answer's text). Keys are at most 128 characters of [A-Za-z0-9._:-].
 */
export function notebookKey(kind: 'prediction' | 'answer', id: string): string {
  return `${kind}:${id}`;
}

/** What the UI stores under a prediction's notebook key. */
export interface LabPrediction {
  /** The chosen LabChoice id. */
  choice: string;
  /** ISO 8601 time the prediction was made (before the runs). */
  predictedAt: string;
  /** The runs it was checked against, once they exist (their ids), so the outcome is kept with the runs. */
  runIds?: string[];
}
