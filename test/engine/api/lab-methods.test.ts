import { describe, expect, it } from 'vitest';
import { LabApiArgs } from '../../../engine/api/lab-api';
import { LAB_METHODS } from '../../../engine/api/lab-methods';
import { labApiOver } from '../../../renderer/src/lib/api/lab-client';

describe('the LabApi method list', () => {
  it('names exactly the methods the argument schemas validate, once each', () => {
    expect(new Set(LAB_METHODS).size).toBe(LAB_METHODS.length);
    expect([...LAB_METHODS].sort()).toEqual(Object.keys(LabApiArgs).sort());
  });

  it("builds the renderer's client: each method invokes its own name with the arguments given", async () => {
    const calls: unknown[][] = [];
    const api = labApiOver(((method: string, ...args: unknown[]) => {
      calls.push([method, ...args]);
      return Promise.resolve(method);
    }) as Parameters<typeof labApiOver>[0]);
    expect(Object.keys(api).sort()).toEqual([...LAB_METHODS].sort());
    await expect(api.renameRun('abcdef12', 'new name')).resolves.toBe('renameRun');
    await api.appInfo();
    expect(calls).toEqual([['renameRun', 'abcdef12', 'new name'], ['appInfo']]);
  });
});
