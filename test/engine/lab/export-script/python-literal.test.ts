import { describe, expect, it } from 'vitest';
import { markdownText, pyNumber, pyString } from '../../../../engine/lab/export-script/python-literal';
import { pythonHas, runPython } from './python';

const hasPython = pythonHas();
if (!hasPython) console.warn('skipped: reading the literals back needs /usr/bin/python3');

const HOSTILE = ['He said "hi"', 'line one\nline two\r\n', 'ends a docstring """ and \'\'\' too', 'back\\slash\\', '\u202eevil\u2066', '\u0000\u001b[2J\u0007', '탭\t과 한글', 'emoji 🧠', 'lone \ud800 surrogate', 'sep\u2028arator', "{x} {{y}} f'{z}'"];

describe('pyString', () => {
  it('writes every name as one line with no bare quote, line break, control or bidi character', () => {
    for (const text of HOSTILE) {
      const literal = pyString(text);
      expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(literal.slice(1, -1).replace(/\\\\|\\"/g, '')).not.toMatch(/["\n\r\u0000-\u001f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u);
    }
  });

  it.skipIf(!hasPython)('reads back in Python as exactly the same text (code points compared)', () => {
    const program = `import json\nprint(json.dumps([[ord(c) for c in s] for s in [${HOSTILE.map(pyString).join(', ')}]]))`;
    const codePoints = JSON.parse(runPython(['-c', program])) as number[][];
    // A lone surrogate is one code unit in JavaScript and one code point in Python.
    expect(codePoints).toEqual(HOSTILE.map((text) => Array.from(text, (char) => char.codePointAt(0)!)));
  });
});

describe('pyNumber', () => {
  const values = [0, -0, 1, -3, 0.1, 1e-7, 1 / 3, 2.5e21, -1.7976931348623157e308, 5e-324];

  it('writes floats that Python reads as floats', () => {
    expect(values.map(pyNumber)).toEqual(['0.0', '-0.0', '1.0', '-3.0', '0.1', '1e-7', '0.3333333333333333', '2.5e+21', '-1.7976931348623157e+308', '5e-324']);
    expect(() => pyNumber(Number.NaN)).toThrow(/finite/);
  });

  it.skipIf(!hasPython)('reads back in Python as the same double', () => {
    const program = `import json\nprint(json.dumps([${values.map(pyNumber).join(', ')}]))`;
    expect(JSON.parse(runPython(['-c', program]))).toEqual(values);
  });
});

describe('markdownText', () => {
  it('leaves no markup: HTML tags become text, Markdown punctuation is escaped', () => {
    expect(markdownText('<img src=x onerror=alert(1)> **bold** [link](http://x)')).toBe('&lt;img src=x onerror=alert\\(1\\)&gt; \\*\\*bold\\*\\* \\[link\\]\\(http://x\\)');
  });
});
