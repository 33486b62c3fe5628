import type { RunStatus } from '../api/events';

/**
 * A run's status as the lab's texts name it, in Korean and English: the one table for every
 * sentence that mentions a status (the claim checks' wording today, the renderer's labels later).
 * Korean uses the adjective-like forms a status label takes (중지됨, 중단됨); a particle after one
 * is chosen by its final sound (withParticle in claims/wording/korean-particles.ts).
 */
export const RUN_STATUS_WORDS: Record<'ko' | 'en', Record<RunStatus, string>> = {
  ko: { queued: '대기 중', running: '학습 중', completed: '완료', stopped: '중지됨', diverged: '발산', failed: '실패', interrupted: '중단됨' },
  en: { queued: 'queued', running: 'training', completed: 'completed', stopped: 'stopped', diverged: 'diverged', failed: 'failed', interrupted: 'interrupted' },
};
