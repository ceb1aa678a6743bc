/**
 * Reading what comes from outside the page — a scenario file, a link's data — off the main
 * thread (issue 13.4): a 2 MB file of 100,000 timeline entries takes about a second to check,
 * and JSON.parse alone cannot be cut into slices. The worker answers each request by its id;
 * reading never throws, so every request gets its answer.
 */
import { type LinkDataResult, readLinkData, readScenarioText, type ScenarioResult } from '../core';

/** What the page asks the parse worker. */
export type ParseCommand =
  | { type: 'scenario'; id: number; text: string }
  | { type: 'link'; id: number; json: string; linkVersion: number };

/** The parse worker's answer to the command of the same id. */
export type ParseReply =
  | { type: 'scenario'; id: number; result: ScenarioResult }
  | { type: 'link'; id: number; result: LinkDataResult };

/** Answers one command. */
export function answerParse(command: ParseCommand): ParseReply {
  return command.type === 'scenario'
    ? { type: 'scenario', id: command.id, result: readScenarioText(command.text) }
    : {
        type: 'link',
        id: command.id,
        result: readLinkData(command.json, command.linkVersion),
      };
}
