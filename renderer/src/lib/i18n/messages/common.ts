import { defineMessages } from '../locale';

/** The app shell: title, navigation, language, connection. */
export const commonMessages = defineMessages({
  ko: {
    appName: 'NN Lab',
    appTagline: '신경망이 왜 학습하지 못하는지, 어떻게 고치는지 직접 실험합니다',
    language: '언어',
    switchLanguage: 'English',
    connecting: '연결하는 중…',
    disconnected: '연결이 끊어졌습니다. 다시 연결하는 중…',
    connectionFailed: '앱에 연결하지 못했습니다: {message}',
    close: '닫기',
    cancel: '취소',
    apply: '적용',
    error: '오류',
  },
  en: {
    appName: 'NN Lab',
    appTagline: 'Experiment with why neural networks fail to learn, and how to fix them',
    language: 'Language',
    switchLanguage: '한국어',
    connecting: 'Connecting…',
    disconnected: 'Connection lost. Reconnecting…',
    connectionFailed: 'Could not connect to the app: {message}',
    close: 'Close',
    cancel: 'Cancel',
    apply: 'Apply',
    error: 'Error',
  },
});
