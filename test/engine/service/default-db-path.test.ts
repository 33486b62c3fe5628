import { describe, expect, it } from 'vitest';
import { defaultDbPath } from '../../../engine/service/default-db-path';

describe('default database path (shared by the CLI, the browser host and the app)', () => {
  it('prefers NNLAB_DB', () => {
    expect(defaultDbPath({ NNLAB_DB: '/data/class.db' }, 'linux', '/home/kim')).toBe('/data/class.db');
  });
  it("is Electron's userData folder on each platform", () => {
    expect(defaultDbPath({ APPDATA: 'C:\\Users\\kim\\AppData\\Roaming' }, 'win32', 'C:\\Users\\kim')).toBe('C:\\Users\\kim\\AppData\\Roaming\\NN Lab\\nnlab.db');
    expect(defaultDbPath({}, 'darwin', '/Users/kim')).toBe('/Users/kim/Library/Application Support/NN Lab/nnlab.db');
    expect(defaultDbPath({}, 'linux', '/home/kim')).toBe('/home/kim/.config/NN Lab/nnlab.db');
    expect(defaultDbPath({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/kim')).toBe('/cfg/NN Lab/nnlab.db');
  });
});
