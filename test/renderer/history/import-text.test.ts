import { gzipSync } from 'node:zlib';
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

  it('translates the refusals of hostile files: too many arrays and objects, too deep, too slow, too much memory', () => {
    const [objects] = messagesFor(gzipSync(Buffer.from(`{"format":"nnlab-runs","payload":[${'{},'.repeat(2_000_001)}{}]}`)));
    expect(importMessage(objects!, 'ko')).toBe('NN Lab이 내보낸 파일이 아니거나 손상되었습니다 (배열과 객체가 200만 개보다 많습니다)');
    const [deep] = messagesFor(gzipSync(Buffer.from(`{"payload":${'['.repeat(70)}${']'.repeat(70)}}`)));
    expect(importMessage(deep!, 'ko')).toBe('NN Lab이 내보낸 파일이 아니거나 손상되었습니다 (내용이 64단계보다 깊게 중첩되어 있습니다)');
    expect(importMessage('this file took longer than 180 s to read, so its import was stopped: it is not a file NN Lab exported, or it is damaged', 'ko')).toMatch(/^파일을 읽는 데 180초보다 오래 걸려/);
    expect(importMessage('this file needs more than the 3072 MB an import may use, so its import was stopped: it is not a file NN Lab exported, or it is damaged', 'ko')).toMatch(/3072 MB보다 많은 메모리가 필요해/);
  });

  it('shows any other message as the engine wrote it (it names the field)', () => {
    expect(importMessage('payload.runs[2].steps.loss[17]: must be a number', 'ko')).toBe('payload.runs[2].steps.loss[17]: must be a number');
  });
});
