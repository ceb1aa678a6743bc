/// <reference lib="webworker" />
/** The parse worker: reads scenario files and links' data off the main thread. */
import { answerParse, type ParseCommand } from './parse-runner';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<ParseCommand>) => scope.postMessage(answerParse(event.data));
