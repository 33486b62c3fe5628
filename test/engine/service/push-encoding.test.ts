import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../../engine/api/socket-codec';
import { displayBatch } from '../../../engine/service/display-batch';
import { circleSpec, train } from '../train/run-helpers';

/**
 * How the browser host puts pushed run events on the WebSocket (engine/api/socket-codec): plain
 * data as JSON (cheap to encode on the host's main thread), anything JSON would change as devalue.
 */
describe('push encoding on the browser host socket', () => {
  it('sends a run-events push of a real run as JSON and reads it back unchanged', () => {
    const { events } = train(circleSpec({ diagnostics: { every: 1, bins: 5 } }));
    const push = { type: 'run-events', runId: 'r', events: displayBatch(events, { maxSteps: 200, maxDiagnostics: 20, maxEvals: 100 }) };
    const text = encodeMessage({ push });
    expect(text.startsWith('{')).toBe(true);
    expect(JSON.parse(text)).toEqual({ push });
    expect(decodeMessage(text)).toEqual({ push });
  });

  it('falls back to devalue for what JSON would lose, and keeps it', () => {
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    const hole = [1, 2, 3];
    delete hole[1];
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    const cases: Record<string, unknown> = {
      nan: { push: { loss: Number.NaN } },
      infinity: { push: { loss: -Infinity } },
      negativeZero: { value: -0 },
      undefinedField: { id: 1, result: { test: undefined } },
      hole: { args: hole },
      bytes: { id: 2, result: new Uint8Array([1, 2, 3]) },
      map: { id: 3, result: new Map([['a', 1]]) },
      date: { id: 4, result: new Date(0) },
      cycle: { id: 5, result: cycle },
      deep: { id: 6, result: deep },
      protoString: { id: 7, result: '__proto__' },
      nullPrototype: { id: 8, result: Object.assign(Object.create(null) as object, { a: 1 }) },
    };
    for (const [name, value] of Object.entries(cases)) {
      const text = encodeMessage(value);
      expect(text.startsWith('{'), name).toBe(false);
      const back = decodeMessage(text);
      if (name !== 'cycle') expect(back, name).toEqual(value);
    }
    expect(Object.is((decodeMessage(encodeMessage(cases.negativeZero)) as { value: number }).value, -0)).toBe(true);
    expect(Object.keys((decodeMessage(encodeMessage(cases.undefinedField)) as { result: object }).result)).toEqual(['test']);
    const back = decodeMessage(encodeMessage(cases.cycle)) as { result: { self: unknown } };
    expect(back.result.self).toBe(back.result);
    expect(Object.getPrototypeOf((decodeMessage(encodeMessage(cases.nullPrototype)) as { result: object }).result)).toBeNull();
  });

  it('refuses __proto__ keys in a JSON message, as devalue does in its own', () => {
    expect(() => decodeMessage('{"id":1,"method":"appInfo","args":[],"__proto__":{"polluted":true}}')).toThrow(/__proto__/);
    expect(() => decodeMessage('[{"__proto__":1},{"polluted":2}]')).toThrow();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    // A plain request written by another client as JSON is read like its devalue form.
    expect(decodeMessage('{"id":1,"method":"appInfo","args":[]}')).toEqual(decodeMessage(encodeMessage({ id: 1, method: 'appInfo', args: [] })));
  });

  it('refuses a __proto__ key however it is spelt: "\\u005f_proto__" is the same key once decoded', () => {
    expect(() => decodeMessage('{"id":1,"method":"appInfo","args":[],"\\u005f_proto__":{"polluted":true}}')).toThrow(/"__proto__" key/);
    expect(() => decodeMessage('{"id":1,"method":"saveLabNotebookEntry","args":["backprop","answer:x",{"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":true}}]}')).toThrow(/"__proto__" key/);
    expect(() => decodeMessage('[{"\\u005f_proto__":1},{"polluted":2}]')).toThrow(/"__proto__" key/);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    // Other escapes still decode.
    expect(decodeMessage('{"id":1,"result":"\\u00e9t\\u00e9"}')).toEqual({ id: 1, result: 'été' });
  });

  it('refuses a devalue message whose shared references would make walking it explode, before decoding it, in milliseconds', () => {
    /** A saveLabNotebookEntry request whose value is a chain of `levels` arrays, each referring twice to the next: 2^levels paths. */
    const chain = (levels: number): string => {
      const values: unknown[] = [{ id: 1, method: 2, args: 3 }, 1, 'saveLabNotebookEntry', [4, 5, 6], 'backprop', 'answer:x'];
      for (let i = 0; i < levels; i++) values.push([7 + i, 7 + i]);
      values.push(0);
      return JSON.stringify(values);
    };
    // 22 levels: 257 bytes, and a second of argument validation on the host before; 200 levels would never end.
    for (const levels of [22, 30, 200]) {
      const started = performance.now();
      expect(() => decodeMessage(chain(levels)), `${levels} levels`).toThrow(/refers to shared values so often/);
      expect(performance.now() - started).toBeLessThan(1000);
    }
    // A few shared objects, a cycle, repeated strings and numbers (devalue writes each once) are what real messages hold: accepted.
    const shared = { units: 8, activation: 'relu' };
    const cyclic: { self?: unknown; layers: unknown[] } = { layers: [shared, shared, shared] };
    cyclic.self = cyclic;
    expect(decodeMessage(encodeMessage({ id: 2, result: cyclic, nan: NaN }))).toMatchObject({ id: 2, result: { layers: [shared, shared, shared] } });
    const many = Array.from({ length: 100_000 }, () => 'same');
    expect((decodeMessage(encodeMessage({ id: 3, result: many, nan: NaN })) as { result: string[] }).result).toHaveLength(100_000);
  });
});
