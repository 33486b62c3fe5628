import { describe, expect, it } from 'vitest';
import { exportRuns, importRuns } from '../../../engine/history/run-file';
import { importMessage } from '../../../renderer/src/lib/history/import-text';
import { circleSpec, openTemp, recordRun } from '../../engine/history/history-helpers';

/** The engine's message for importing `bytes`, as thrown or as a skipped run's reason. */
function messagesFor(bytes: Uint8Array): string[] {
  const history = openTemp();
  recordRun(history, circleSpec(), { id: 'a0000000-0000-4000-8000-000000000001', name: 'kept' });
  try {
    return importRuns(history, bytes).skipped.map((skip) => skip.reason);
  } catch (error) {
    return [(error as Error).message];
  }
}

describe('import messages in Korean', () => {
  it('translates the engine’s own messages: a run already there, a file that is not a run file, a damaged one', () => {
    const history = openTemp();
    const { id } = recordRun(history, circleSpec(), { name: 'kept' });
    const file = exportRuns(history, [id]);
    const [skipped] = importRuns(history, file).skipped.map((skip) => skip.reason);
    expect(importMessage(skipped!, 'ko')).toBe('같은 실행이 이미 기록에 있습니다');
    expect(importMessage(skipped!, 'en')).toBe(skipped);

    const [notGzip] = messagesFor(new TextEncoder().encode('run_id,name\n'));
    expect(importMessage(notGzip!, 'ko')).toMatch(/^NN Lab 실행 파일이 아닙니다/);
    const damaged = new Uint8Array(file);
    damaged[damaged.length - 12]! ^= 0xff;
    const [broken] = messagesFor(damaged);
    expect(importMessage(broken!, 'ko')).toMatch(/손상/);
  });

  it('shows any other message as the engine wrote it (it names the field)', () => {
    expect(importMessage('payload.runs[2].steps.loss[17]: must be a number', 'ko')).toBe('payload.runs[2].steps.loss[17]: must be a number');
  });
});
