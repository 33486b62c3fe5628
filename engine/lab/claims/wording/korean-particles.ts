/**
 * Korean particles after a word, chosen by how the word's last syllable sounds: 이/가, 은/는,
 * 을/를, 과/와 take the first form after a final consonant and the second after a vowel; 으로/로
 * takes 로 after a vowel and after ㄹ too (손실로, 모델로), 으로 after any other consonant.
 *
 * Words that are not Hangul are judged as they are read aloud in class:
 * - numbers in Sino-Korean (10 십 → 10은, 2 이 → 2는, 0.01 영 점 영일 → 0.01로), a fraction a/b as
 *   "b분의 a" (1/100 → 일), % and %p as 퍼센트(포인트);
 * - a final capital letter by its name (SGD 디 → SGD가, ReLU 유 → ReLU는, L 엘 and R 알 end in ㄹ,
 *   M 엠 and N 엔 in a consonant);
 * - a lower-case ending as a loanword usually ends (Adam 아담, RMSprop 프롭, model 모델, Xavier 자비에,
 *   tanh, sigmoid 시그모이드): m, n, ng, and p, b, k, t or ck after a vowel letter end in a
 *   consonant, l in ㄹ, anything else in a vowel.
 * Closing brackets and quotes at the end are not read. Anything else (Greek letters, symbols) is
 * taken as ending in a vowel.
 */

/** The particle pairs: the form after a final consonant / the form after a vowel. */
export type KoreanParticle = '이/가' | '은/는' | '을/를' | '과/와' | '으로/로';

/** How a word ends when read aloud: a vowel, the consonant ㄹ, or another consonant. */
export type FinalSound = 'vowel' | 'rieul' | 'consonant';

/** `word` followed by the form of `particle` its final sound takes ("손실" + 이/가 → "손실이"). */
export function withParticle(word: string, particle: KoreanParticle): string {
  const sound = finalSound(word);
  if (particle === '으로/로') return `${word}${sound === 'consonant' ? '으로' : '로'}`;
  const [afterConsonant, afterVowel] = particle.split('/') as [string, string];
  return `${word}${sound === 'vowel' ? afterVowel : afterConsonant}`;
}

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** Hangul syllables come in blocks of 28 final consonants (0 = none). */
const FINALS = 28;
const FINAL_RIEUL = 8;

/** How `word` ends when read aloud (see the module's comment for non-Hangul words). */
export function finalSound(word: string): FinalSound {
  const text = word.replace(/[\s)\]}'"’”»」』]+$/u, '');
  const last = text.at(-1);
  if (last === undefined) return 'vowel';
  const code = last.charCodeAt(0);
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
    const final = (code - HANGUL_FIRST) % FINALS;
    return final === 0 ? 'vowel' : final === FINAL_RIEUL ? 'rieul' : 'consonant';
  }
  if (/%p?$/.test(text)) return 'vowel';
  const fraction = /(\d[\d,]*(?:\.\d+)?)\/\d[\d,]*(?:\.\d+)?$/.exec(text);
  const number = fraction?.[1] ?? /\d[\d,]*(?:\.\d+)?$/.exec(text)?.[0];
  if (number !== undefined) return numberFinalSound(number);
  const latin = /[A-Za-z]+$/.exec(text)?.[0];
  if (latin !== undefined) return latinFinalSound(latin);
  return 'vowel';
}

/** 영 일 이 삼 사 오 육 칠 팔 구. */
const DIGIT_SOUNDS: readonly FinalSound[] = ['consonant', 'rieul', 'vowel', 'consonant', 'vowel', 'vowel', 'consonant', 'rieul', 'rieul', 'vowel'];

/** A number read in Sino-Korean: decimals digit by digit, an integer ending in zeros by its last unit (십 백 천 만 억 조 경). */
function numberFinalSound(number: string): FinalSound {
  const [integer = '', decimals = ''] = number.replace(/,/g, '').split('.');
  if (decimals !== '') return DIGIT_SOUNDS[Number(decimals.at(-1))]!;
  const significant = integer.replace(/^0+/, '');
  if (significant === '') return DIGIT_SOUNDS[0]!;
  const zeros = significant.length - significant.replace(/0+$/, '').length;
  if (zeros === 0) return DIGIT_SOUNDS[Number(significant.at(-1))]!;
  // 십, 백, 천, then 만 (up to 천만), 억 (up to 천억): all end in a consonant; 조 in a vowel; 경 in ㅇ.
  return zeros >= 12 && zeros < 16 ? 'vowel' : 'consonant';
}

/** Capital letters' names that do not end in a vowel: 엘, 알 (ㄹ); 엠, 엔. */
const LETTER_NAME_SOUNDS: Readonly<Record<string, FinalSound>> = { L: 'rieul', R: 'rieul', M: 'consonant', N: 'consonant' };

function latinFinalSound(word: string): FinalSound {
  const last = word.at(-1)!;
  if (last >= 'A' && last <= 'Z') return LETTER_NAME_SOUNDS[last] ?? 'vowel';
  const lower = word.toLowerCase();
  if (lower.endsWith('l')) return 'rieul';
  if (/(m|n|ng|[aeiou][pbkt]|ck)$/.test(lower)) return 'consonant';
  return 'vowel';
}
