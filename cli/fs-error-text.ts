import { messageOf } from '../engine/api/error-message';
import type { Lang } from './cli-language';

/**
 * A file system error in a few words, in English or Korean. Writing, a missing path is its folder
 * (the file is being made).
 */
export function describeFsError(error: unknown, lang: Lang = 'en', writing = false): string {
  const { code } = error as NodeJS.ErrnoException;
  const ko = lang === 'ko';
  if (code === 'ENOENT' && writing) return ko ? '그런 폴더가 없습니다' : 'no such folder';
  if (code === 'ENOENT') return ko ? '그런 파일이 없습니다' : 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return ko ? '권한이 없습니다' : 'permission denied';
  if (code === 'EISDIR') return ko ? '파일이 아니라 폴더입니다' : 'it is a folder, not a file';
  return messageOf(error);
}
