import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('a 50,000-point CSV file loads (read in a worker) and shows its count; a bad one still says why at the field', async ({ app }) => {
  const file = join(tmpdir(), 'nnlab-50000-points.csv');
  const rows = ['x1,x2,label'];
  for (let i = 0; i < 50_000; i++) rows.push(`${((i % 200) / 50 - 2).toFixed(2)},${((i * 7) % 300) / 75 - 2},${i % 2}`);
  writeFileSync(file, rows.join('\n'));
  await app.getByTestId('csv-input').setInputFiles(file);
  await expect(app.getByTestId('csv-message')).toContainText('점 50,000개, 클래스 2개');
  await expect(app.getByTestId('dataset-csv')).toHaveClass(/selected/);
  await expect(app.getByTestId('start')).toBeEnabled();

  const bad = join(tmpdir(), 'nnlab-bad-points.csv');
  writeFileSync(bad, 'x1,x2,label\n1,2,0\n3,4,7x\n');
  await app.getByTestId('csv-input').setInputFiles(bad);
  await expect(app.getByTestId('csv-message')).toHaveAttribute('role', 'alert');
  // In the Korean UI, in Korean (issue 15): the line, the column and the cell as the file has it.
  await expect(app.getByTestId('csv-message')).toContainText('3번째 줄, 클래스 번호 열: “7x”는 숫자가 아닙니다');
});
