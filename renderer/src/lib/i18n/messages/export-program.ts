import { defineMessages } from '../locale';

/** Saving a run as a program that reproduces it in PyTorch (a .py file or a Jupyter notebook). */
export const exportProgramMessages = defineMessages({
  ko: {
    pytorch: 'PyTorch 코드로 저장',
    notebook: 'Jupyter 노트북으로 저장',
    hint: '같은 데이터, 초기 가중치, 미니배치로 NN Lab과 같은 손실이 나오는 PyTorch 프로그램으로 저장합니다(PyTorch만 설치되어 있으면 실행됩니다)',
    saved: '{file} 저장됨. 터미널에서 실행: {command}',
    savedNotebook: '{file} 저장됨. Jupyter에서 열어 실행하세요.',
    failed: '코드로 저장하지 못했습니다: {message}',
  },
  en: {
    pytorch: 'Save as PyTorch code',
    notebook: 'Save as Jupyter notebook',
    hint: 'Saves a PyTorch program that gets NN Lab’s losses from the same data, initial weights and minibatches (runs wherever PyTorch is installed)',
    saved: 'Saved {file}. Run it in a terminal: {command}',
    savedNotebook: 'Saved {file}. Open it in Jupyter and run it.',
    failed: 'Could not save as code: {message}',
  },
});
