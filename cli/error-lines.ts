import { SpecError } from '../engine/api/spec-error';
import { DatasetError } from '../engine/data/dataset-error';
import { HistoryError } from '../engine/history/history-error';
import { ImportError } from '../engine/history/run-file';
import { IMPORT_KOREAN_RULES } from '../engine/lab/import-words';
import { PACK_KOREAN_RULES } from '../engine/lab/pack-words';
import { withParticle } from '../engine/lab/claims/wording/korean-particles';
import { koreanByRules, PROBLEM_KOREAN_RULES, type KoreanRule } from '../engine/lab/problem-words';
import { problemFieldLabel } from '../engine/lab/spec-field-labels';
import { UsageError } from './cli-io';
import type { Lang } from './cli-language';

/**
 * The engine's messages the CLI meets most (a spec file that is not JSON, a run id that names no
 * run) in Korean; the spec's problems and a run file's come from the tables the screens use.
 */
const CLI_KOREAN_RULES: readonly KoreanRule[] = [
  [/^not valid JSON \((?:.*at position (\d+).*|.*)\)$/s, (m) => `올바른 JSON이 아닙니다${m[1] === undefined ? '' : ` (${Number(m[1]) + 1}번째 글자)`}`],
  [/^standard input: (.+)$/s, (m) => `표준 입력: ${koreanOf(m[1]!) ?? m[1]}`],
  [/^no run with id "?([^"\s]+)"?(?: \(a run id looks like (\S+)\))?$/, (m) => `ID가 ${m[1]}인 실행이 없습니다${m[2] ? ` (실행 ID의 예: ${m[2]})` : ''}`],
  [/^no run id starts with (\S+)$/, (m) => `${withParticle(m[1]!, '으로/로')} 시작하는 실행 ID가 없습니다`],
  [/^(\S+) matches several runs: (.*); give more characters$/s, (m) => `${m[1]}에 맞는 실행이 여러 개입니다: ${m[2]}; 더 길게 입력하세요`],
  [/^"(.*)" is too short: give at least the first (\d+) characters of a run id$/, (m) => `${withParticle(`"${m[1]}"`, '은/는')} 너무 짧습니다: 실행 ID의 앞 ${m[2]}글자 이상을 입력하세요`],
  [/^"(.*)" is not a lab pack id \(a uuid, or its first (\d+) characters\)$/, (m) => `${withParticle(`"${m[1]}"`, '은/는')} 실습 묶음 ID가 아닙니다 (ID 전체나 그 앞 ${m[2]}글자를 주세요)`],
  [/^"(.*)" is the start of more than one lab pack's id: give more of it$/, (m) => `${withParticle(`"${m[1]}"`, '으로/로')} 시작하는 실습 묶음 ID가 여러 개입니다: 더 길게 입력하세요`],
  [/^the student (name|number) (.+)$/s, (m) => `학생의 ${m[1] === 'name' ? '이름' : '학번'}: ${koreanOf(m[2]!) ?? m[2]}`],
];

function koreanOf(message: string): string | null {
  return koreanByRules(message, [...CLI_KOREAN_RULES, ...PROBLEM_KOREAN_RULES, ...PACK_KOREAN_RULES, ...IMPORT_KOREAN_RULES]);
}

/**
 * What `nnlab` prints for bad input, one line per problem in the invocation's language ("오류:
 * --limit: 1 이상의 정수여야 합니다 (받은 값 0)"); null for an error that is not bad input (a bug,
 * printed with its stack). Option names stay as they are typed; a spec's fields are named as the
 * screens name them, with their path. A message that has no
 * Korean yet stays a whole English line ("error: …"), never half of each.
 */
export function badInputLines(error: unknown, lang: Lang): string[] | null {
  const line = (english: string, korean: string | null | undefined) => (lang === 'ko' && korean != null ? `오류: ${korean}` : `error: ${english}`);
  const said = (prefix: string, message: string) => line(`${prefix}${message}`, lang === 'ko' ? mapped(koreanOf(message), (korean) => `${prefix}${korean}`) : null);
  if (error instanceof UsageError) return [line(error.message, error.korean)];
  if (error instanceof SpecError) return error.problems.map((p) => line(`${p.field ? `${p.field}: ` : ''}${p.message}`, lang === 'ko' ? mapped(koreanOf(p.message), (korean) => `${p.field ? `${koreanField(p.field)}: ` : ''}${korean}`) : null));
  if (error instanceof HistoryError || error instanceof ImportError) return [said('', error.message)];
  if (error instanceof DatasetError) return [said(error.message.startsWith(error.field) ? '' : `${error.field}: `, error.message)];
  return null;
}

/**
 * A spec's field in a Korean line: the screens' name with the path the file has, so a student finds
 * it in their JSON ("배치 크기(training.batchSize)"); where it came from stays in front ("표준 입력:
 * ", "--spec a.json: "). A path with no name stays as it is.
 */
export function koreanField(field: string): string {
  const at = field.lastIndexOf(': ');
  const [where, path] = at < 0 ? ['', field] : [field.slice(0, at + 2), field.slice(at + 2)];
  const label = problemFieldLabel(path, 'ko');
  return `${where.replace(/^standard input: $/, '표준 입력: ')}${label === path ? path : `${label}(${path})`}`;
}

function mapped(value: string | null, map: (value: string) => string): string | null {
  return value === null ? null : map(value);
}
