import type { TrainingEvent } from '../api/events';
import { diagnose, DoctorRecorder, doctorRunFromEvents } from '../lab/doctor/training-doctor';

/**
 * Where the training doctor meets the event stream. The trainer cannot know the doctor (engine/lab
 * is lesson content, above it), so the service diagnoses each run as its events pass through,
 * and the end event leaves the service with `findings`: to the history, the observer (the CLI's
 * --json) and the subscribers (the app, the browser host) alike.
 */
export class RunDoctor {
  private readonly recorder = new DoctorRecorder();

  /** Hears a batch of the run's events; returns it with its end event (if any) carrying the findings over the whole run. */
  examine(events: TrainingEvent[]): TrainingEvent[] {
    this.recorder.push(events);
    if (!events.some((event) => event.type === 'end')) return events;
    const { findings } = diagnose(this.recorder.run);
    return events.map((event) => (event.type === 'end' ? { ...event, findings } : event));
  }
}

/**
 * A stored run's events with the findings on its end event. The history keeps no findings (they
 * follow from the stored events, which are the full stream), so a replay, a comparison or an
 * export reader gets them computed afresh by this engine's doctor.
 */
export function withFindings(events: TrainingEvent[]): TrainingEvent[] {
  const end = events.at(-1);
  if (end?.type !== 'end') return events;
  const { findings } = diagnose(doctorRunFromEvents(events));
  return [...events.slice(0, -1), { ...end, findings }];
}
