import { describe, expect, it } from 'vitest';
import { finalSound, withParticle } from '../../../../engine/lab/claims/wording/korean-particles';
import { RUN_STATUS_WORDS } from '../../../../engine/lab/run-status-words';

/**
 * The particle helper against the particles the lab's texts already write after such words (the
 * claim statements, the lab sheets: "ReLU와 tanh는", "표준편차 0.01은", "x1을", "w1을 10으로",
 * "정확히 0으로", "h2 = 0.5는", "손실이", "훈련 정확도가", "12%가").
 */
describe('withParticle', () => {
  it('Hangul: a final vowel, a final consonant, and ㄹ (which takes 로 like a vowel)', () => {
    expect(withParticle('훈련 정확도', '이/가')).toBe('훈련 정확도가');
    expect(withParticle('배치 정규화', '은/는')).toBe('배치 정규화는');
    expect(withParticle('모델', '을/를')).toBe('모델을');
    expect(withParticle('드롭아웃', '은/는')).toBe('드롭아웃은');
    expect(withParticle('기울기', '과/와')).toBe('기울기와');
    expect(withParticle('손실', '이/가')).toBe('손실이');
    expect(withParticle('손실', '으로/로')).toBe('손실로');
    expect(withParticle('모델', '으로/로')).toBe('모델로');
    expect(withParticle('가중치', '으로/로')).toBe('가중치로');
    expect(withParticle('드롭아웃', '으로/로')).toBe('드롭아웃으로');
  });

  it('numbers as read in Sino-Korean: the last digit, or the last unit of a number ending in zeros', () => {
    expect(withParticle('10', '으로/로')).toBe('10으로'); // 십
    expect(withParticle('10', '은/는')).toBe('10은');
    expect(withParticle('0', '으로/로')).toBe('0으로'); // 영
    expect(withParticle('1', '으로/로')).toBe('1로'); // 일: ㄹ
    expect(withParticle('2', '은/는')).toBe('2는'); // 이
    expect(withParticle('300', '이/가')).toBe('300이'); // 삼백
    expect(withParticle('12,000', '은/는')).toBe('12,000은'); // 만이천
    expect(withParticle('1000000000000', '이/가')).toBe('1000000000000가'); // 일조
    expect(withParticle('h2 = 0.5', '은/는')).toBe('h2 = 0.5는'); // 영 점 오
    expect(withParticle('std 0.01', '은/는')).toBe('std 0.01은'); // 영 점 영일
    expect(withParticle('표준편차 0.01', '은/는')).toBe('표준편차 0.01은');
    expect(withParticle('std 0.01', '으로/로')).toBe('std 0.01로');
    expect(withParticle('0.10', '으로/로')).toBe('0.10으로'); // 영 점 일영
    expect(withParticle('1/290,000', '이/가')).toBe('1/290,000이'); // 29만분의 일
  });

  it('percentages and percentage points end in a vowel (퍼센트, 퍼센트포인트)', () => {
    expect(withParticle('12%', '이/가')).toBe('12%가');
    expect(withParticle('27%p', '이/가')).toBe('27%p가');
  });

  it('Latin letters as read: a final capital by its name, a word by its usual Korean ending', () => {
    expect(withParticle('ReLU', '과/와')).toBe('ReLU와'); // 유
    expect(withParticle('ReLU', '으로/로')).toBe('ReLU로');
    expect(withParticle('SGD', '이/가')).toBe('SGD가'); // 디
    expect(withParticle('MNIST', '을/를')).toBe('MNIST를'); // 티
    expect(withParticle('BN', '은/는')).toBe('BN은'); // 엔
    expect(withParticle('L', '으로/로')).toBe('L로'); // 엘
    expect(withParticle('R', '이/가')).toBe('R이'); // 알
    expect(withParticle('tanh', '은/는')).toBe('tanh는');
    expect(withParticle('He', '은/는')).toBe('He는');
    expect(withParticle('Xavier', '과/와')).toBe('Xavier와');
    expect(withParticle('sigmoid', '을/를')).toBe('sigmoid를');
    expect(withParticle('AdaGrad', '은/는')).toBe('AdaGrad는'); // 아다그라드
    expect(withParticle('Adam', '은/는')).toBe('Adam은'); // 아담
    expect(withParticle('Momentum', '은/는')).toBe('Momentum은'); // 모멘텀
    expect(withParticle('RMSprop', '은/는')).toBe('RMSprop은'); // 알엠에스프롭
    expect(withParticle('model', '으로/로')).toBe('model로'); // 모델
    expect(withParticle('x1', '을/를')).toBe('x1을');
    expect(withParticle('w1', '을/를')).toBe('w1을');
  });

  it('closing brackets and quotes are not read', () => {
    expect(withParticle('(ReLU)', '으로/로')).toBe('(ReLU)로');
    expect(withParticle('“손실”', '이/가')).toBe('“손실”이');
    expect(finalSound('')).toBe('vowel');
  });

  it('each run status word takes the particle of its final sound', () => {
    const ko = RUN_STATUS_WORDS.ko;
    expect(Object.values(ko).map(finalSound)).toEqual(['consonant', 'consonant', 'vowel', 'consonant', 'consonant', 'vowel', 'consonant']);
    expect(withParticle(ko.queued, '이/가')).toBe('대기 중이');
    expect(withParticle(ko.running, '으로/로')).toBe('학습 중으로');
    expect(withParticle(ko.completed, '으로/로')).toBe('완료로');
    expect(withParticle(ko.stopped, '으로/로')).toBe('중지됨으로');
    expect(withParticle(ko.diverged, '이/가')).toBe('발산이');
    expect(withParticle(ko.failed, '은/는')).toBe('실패는');
    expect(withParticle(ko.interrupted, '을/를')).toBe('중단됨을');
  });
});
