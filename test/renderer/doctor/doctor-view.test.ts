import { describe, expect, it } from 'vitest';
import type { DoctorFinding } from '../../../engine/api/doctor-findings';
import type { EndEvent } from '../../../engine/api/events';
import { parseRunSpec } from '../../../engine/api/parse-run-spec';
import { DoctorRecorder, doctorRunFromEvents, emptyDoctorRun } from '../../../engine/lab/doctor/training-doctor';
import { doctorView, remedySpec } from '../../../renderer/src/lib/doctor/doctor-view';
import { circleSpec, SICK_SPECS } from '../../engine/lab/doctor/doctor-specs';
import { train } from '../../engine/train/run-helpers';

/** The training doctor panel's content, without Svelte: from findings to words and to the spec "try it" loads. */

const endOf = (events: ReturnType<typeof train>['events']): EndEvent => events.at(-1) as EndEvent;

describe('the doctor panel’s view', () => {
  it('a deep sigmoid run: the finding in words and a patched spec that is a valid new RunSpec', () => {
    const { events } = train({ ...SICK_SPECS.sigmoidDeepCircle, name: 'Sigmoid 10' });
    const view = doctorView(doctorRunFromEvents(events), endOf(events), 'ko');
    expect(view.state).toBe('findings');
    expect(view.entries).toHaveLength(1);
    const [entry] = view.entries;
    expect(entry).toMatchObject({
      code: 'vanishing-gradient',
      title: '기울기 소실',
      place: '은닉층 1 · 419단계',
      remedyLabel: 'ReLU + He 초기화',
      sheetId: '03-vanishing-gradient',
      patch: '은닉층 1–10: 활성화 함수 → ReLU, 가중치 초기화 → He',
    });
    expect(entry!.evidence).toMatch(/^은닉층 1의 기울기\(.+\)가 출력층\(.+\)의 1\/[\d,]+밖에 되지 않습니다\./);
    expect(entry!.sheetTitle).toContain('기울기 소실');
    const spec = entry!.spec!;
    expect(spec.name).toBe('Sigmoid 10 + ReLU + He 초기화');
    expect(spec.layers.slice(0, 10).map((l) => `${l.activation}/${String(l.init)}`)).toEqual(Array(10).fill('relu/he'));
    // Everything else is the run's own spec.
    const original = parseRunSpec({ ...SICK_SPECS.sigmoidDeepCircle, name: 'Sigmoid 10' });
    expect({ ...spec, name: original.name, layers: original.layers }).toEqual(original);
    expect(doctorView(doctorRunFromEvents(events), endOf(events), 'en').entries[0]!.spec!.name).toBe('Sigmoid 10 + ReLU + He');
    // A spec without a name of its own (the builder's) takes the run's name from the history, else the finding's title.
    const unnamed = train(SICK_SPECS.sigmoidDeepCircle).events;
    expect(doctorView(doctorRunFromEvents(unnamed), endOf(unnamed), 'ko', 'circle, sigmoid').entries[0]!.spec!.name).toBe('circle, sigmoid + ReLU + He 초기화');
    expect(doctorView(doctorRunFromEvents(unnamed), endOf(unnamed), 'ko').entries[0]!.spec!.name).toBe('기울기 소실 + ReLU + He 초기화');
  });

  it('each remedy’s spec for the runs built to go wrong parses, and changes what the remedy says', () => {
    const cases = [
      [SICK_SPECS.lr1e6Circle, (s: ReturnType<typeof parseRunSpec>) => s.optimizer.lr === 1e-5],
      [SICK_SPECS.lr10Circle, (s: ReturnType<typeof parseRunSpec>) => s.optimizer.lr === 1],
      [SICK_SPECS.deadReluMnist, (s: ReturnType<typeof parseRunSpec>) => s.layers[0]!.init === 'he' && s.layers[1]!.init === 'he'],
    ] as const;
    for (const [input, changed] of cases) {
      const { events } = train(input);
      const view = doctorView(doctorRunFromEvents(events), endOf(events), 'en');
      expect(view.state).toBe('findings');
      for (const entry of view.entries) {
        expect(entry.spec).not.toBeNull();
        expect(changed(entry.spec!)).toBe(true);
      }
    }
  });

  it('prefers the end event’s findings (the whole run, from the service) over what the page saw', () => {
    const { events } = train(circleSpec());
    const run = doctorRunFromEvents(events);
    expect(doctorView(run, endOf(events), 'ko')).toEqual({ state: 'healthy', entries: [] });
    const fromService: DoctorFinding = {
      code: 'lr-too-high',
      step: 300,
      evidence: { measure: 'loss-peak', initialLoss: 0.7, peakLoss: 3, threshold: 3 },
      remedy: { id: 'lower-lr', sheet: 'backprop', patch: [{ op: 'add', path: '/optimizer/lr', value: 0.01 }] },
    };
    const view = doctorView(run, { ...endOf(events), findings: [fromService] }, 'en');
    expect(view.entries.map((e) => [e.title, e.place, e.remedyLabel, e.spec?.optimizer.lr])).toEqual([['Learning rate too high', 'step 300', 'Learning rate 0.01', 0.01]]);
  });

  it('waiting before any event, early while too young, healthy after', () => {
    expect(doctorView(emptyDoctorRun(), null, 'ko').state).toBe('waiting');
    const { events } = train(circleSpec());
    const recorder = new DoctorRecorder();
    recorder.push(events.slice(0, 5));
    expect(doctorView(recorder.run, null, 'ko').state).toBe('early');
    recorder.push(events.slice(5, -1));
    expect(doctorView(recorder.run, null, 'ko').state).toBe('healthy');
    // A run that ended before there was enough to tell says so.
    const short = train({ ...circleSpec(), training: { batchSize: 10, iterations: 12 } }).events;
    expect(endOf(short).findings).toBeUndefined();
    expect(doctorView(doctorRunFromEvents(short), endOf(short), 'ko').state).toBe('short');
    expect(doctorView(doctorRunFromEvents(short), { ...endOf(short), findings: [] }, 'ko').state).toBe('short');
  });

  it('no spec to try when the patch is empty or does not fit', () => {
    const spec = parseRunSpec(circleSpec());
    const finding = (patch: DoctorFinding['remedy']['patch']): DoctorFinding => ({
      code: 'vanishing-gradient',
      layer: 0,
      step: 10,
      evidence: { measure: 'gradient-ratio', ratio: 1e-5, gradNorm: 1e-6, referenceLayer: 2, referenceGradNorm: 0.1, threshold: 1e-3, snapshots: 3 },
      remedy: { id: 'batch-norm', sheet: '05-overfitting', patch },
    });
    expect(remedySpec(spec, finding([]), 'ko')).toBeNull();
    expect(remedySpec(spec, finding([{ op: 'replace', path: '/layers/7/batchNorm', value: true }]), 'ko')).toBeNull();
    expect(remedySpec(spec, finding([{ op: 'replace', path: '/layers/0/units', value: -3 }]), 'ko')).toBeNull();
    expect(remedySpec(spec, finding([{ op: 'replace', path: '/layers/0/batchNorm', value: true }]), 'ko')!.layers[0]!.batchNorm).toBe(true);
  });
});
