/**
 * The hand-in's default file name: the pack's title and the student number, e.g.
 * `lab-04_20231234.nnlab`. A hand-in is a runs file that names its student and pack (the teacher
 * imports it with "Import runs", whose picker takes `.nnlab`), so it keeps that extension.
 */
export const HAND_IN_EXTENSION = '.nnlab';

/** Characters Windows, macOS or Linux refuse in a file name, control characters and the rest of what makes a name awkward to pass around. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g;
const MAX_PART = 60;

/** A piece of a file name: unsafe characters and spaces as "-", no leading/trailing dots or dashes, at most 60 characters. */
export function fileNamePart(text: string): string {
  return text
    .normalize('NFC')
    .replace(UNSAFE, '-')
    .replace(/\s+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_PART)
    .replace(/^[-.]+|[-.]+$/g, '');
}

export function handInFileName(packTitle: string, studentNumber: string): string {
  const title = fileNamePart(packTitle) || 'lab';
  const number = fileNamePart(studentNumber);
  return `${number === '' ? title : `${title}_${number}`}${HAND_IN_EXTENSION}`;
}

/** A pack's default file name: its title, `.nnlabpack`. */
export function packFileName(title: string): string {
  return `${fileNamePart(title) || 'lab-pack'}.nnlabpack`;
}
