import { cut } from './messages';

/** Longest message a `ScenarioError` carries; anything longer is cut (issue 13.4). */
export const MAX_MESSAGE_CHARS = 600;

/** A scenario that cannot be used; `path` names the offending field, e.g. `relay.workers`. */
export class ScenarioError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    const shown = cut(path, 160);
    super(cut(shown === '' ? message : `\`${shown}\`: ${message}`, MAX_MESSAGE_CHARS));
    this.name = 'ScenarioError';
    this.path = shown;
  }
}
