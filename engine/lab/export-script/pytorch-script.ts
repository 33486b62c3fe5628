import type { RunSpec } from '../../api/run-spec';
import type { ExportLanguage } from './export-words';
import { buildProgram } from './program';
import { pyString } from './python-literal';

/**
 * The run as one self-contained Python file (torch and numpy only):
 * `python3 FILE [--json] [--mnist-dir DIR]` trains it and prints each step's loss and the
 * evaluations (with --json one event object per line, the engine's field names). Piped into a
 * reader that stops early (`| head`), it ends quietly as Unix tools do: Python turns SIGPIPE into
 * a BrokenPipeError traceback unless the default action is restored (where the OS has SIGPIPE).
 */
export function pytorchScript(spec: RunSpec, lang: ExportLanguage = 'ko'): string {
  const { words, sections, usesMnist } = buildProgram(spec, lang);
  const header = `#!/usr/bin/env python3
"""${words.title}

${words.intro.join('\n')}

${words.usage}:
    python3 ${usesMnist ? 'THIS_FILE.py --mnist-dir DIR' : 'THIS_FILE.py'}
    python3 THIS_FILE.py --json${usesMnist ? ' --mnist-dir DIR' : ''}   # ${words.usageJson}
"""`;
  const body = sections.map((section) => `${banner(section.heading)}${section.explanation.map((line) => `# ${line}\n`).join('')}\n${section.code}`);
  const main = `${banner('main')}
def print_readable(event):
    if event["type"] == "step" and (event["step"] % 10 == 0):
        print(f"step {event['step']}: loss {event['loss']:.6f}")
    elif event["type"] == "eval":
        parts = [f"{split} loss {event[split]['loss']:.4f}" + (f", accuracy {event[split]['accuracy']:.3f}" if "accuracy" in event[split] else "") for split in ("train", "test") if split in event]
        print(f"step {event['step']} (epoch {event['epoch']}): " + "; ".join(parts))
    elif event["type"] == "end":
        print(f"{event['status']} after {event['steps']} steps" + (f": {event['message']}" if event["message"] else ""))


def main():
    import signal
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = argparse.ArgumentParser(description=${pyString(words.title)})
    parser.add_argument("--json", action="store_true", help=${pyString(words.usageJson)})
    parser.add_argument("--mnist-dir", default=None, help=${pyString(words.usageMnist)})
    args = parser.parse_args()
    emit = (lambda event: print(json.dumps(event), flush=True)) if args.json else print_readable
    train(load_data(args.mnist_dir), emit)


if __name__ == "__main__":
    main()
`;
  return `${header}\n${body.join('\n\n')}\n\n${main}`;
}

function banner(heading: string): string {
  return `\n# ── ${heading} ${'─'.repeat(Math.max(3, 70 - heading.length))}\n`;
}
