import { describe, expect, it } from 'vitest';
import { metricsCsv } from '../../../engine/history/metrics-csv';
import { eventsOf } from '../train/run-helpers';
import { circleSpec, openTemp, recordRun } from './history-helpers';

/** RFC 4180 reader: fields separated by commas, records by CRLF, quoted fields may hold anything ("" is a quote). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  return records;
}

describe('metrics as CSV', () => {
  it('has a header, one row per step and per evaluation in the order they happened, numbers exact, blanks for no value', () => {
    const history = openTemp();
    const { id, events } = recordRun(history, circleSpec({ training: { batchSize: 30, epochs: 2 } }), { name: 'plain', weights: false });
    const text = metricsCsv(history, [id.slice(0, 8)]);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['run_id', 'run_name', 'kind', 'step', 'epoch', 'loss', 'data_loss', 'train_loss', 'train_accuracy', 'test_loss', 'test_accuracy', 'elapsed_ms']);
    const expected = events.flatMap((e) => {
      if (e.type === 'step') return [[id, 'plain', 'step', e.step, e.epoch, e.loss, e.dataLoss, '', '', '', '', e.elapsedMs].map(String)];
      if (e.type === 'eval') return [[id, 'plain', 'eval', e.step, e.epoch, '', '', e.train.loss, e.train.accuracy, e.test!.loss, e.test!.accuracy, ''].map(String)];
      return [];
    });
    expect(rows).toEqual(expected);
    expect(rows).toHaveLength(eventsOf(events, 'step').length + eventsOf(events, 'eval').length);
    expect(Number(rows[1]![5])).toBe(eventsOf(events, 'step')[0]!.loss);
  });

  it('quotes names with commas, quotes and line breaks, and defuses names a spreadsheet would run as formulas', () => {
    const history = openTemp();
    const tricky = recordRun(history, circleSpec({ training: { batchSize: 50, epochs: 1 } }), { name: 'He, "fast"', weights: false });
    history.setNotes(tricky.id, 'ignored');
    const formula = recordRun(history, circleSpec({ training: { batchSize: 50, epochs: 1 } }), { name: '=HYPERLINK("http://x")', weights: false });
    const text = metricsCsv(history, [tricky.id, formula.id]);
    expect(text).toContain(`${tricky.id},"He, ""fast""",eval,0,0,`);
    const rows = parseCsv(text).slice(1);
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['He, "fast"', '\'=HYPERLINK("http://x")']));
    expect(rows.every((r) => r.length === 12)).toBe(true);
    history.rename(tricky.id, 'line one\nline two');
    expect(parseCsv(metricsCsv(history, [tricky.id]))[1]![1]).toBe('line one\nline two');
  });
});
