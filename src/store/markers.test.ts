import { describe, expect, it } from 'vitest';
import { parseScenario } from '../core';
import { marksIn, timelineMarkers } from './markers';

describe('timeline markers', () => {
  it('draws an outage as a band from on to off, and still open when it never ends', () => {
    const scenario = parseScenario({
      timeline: [
        { atMs: 30_000, set: { 'downstream.outage': true } },
        { atMs: 50_000, set: { 'downstream.outage': false } },
        { atMs: 90_000, set: { 'downstream.outage': true } },
      ],
    });
    expect(timelineMarkers(scenario)).toEqual([
      { kind: 'band', fromMs: 30_000, toMs: 50_000, label: 'outage', detail: 'outage' },
      { kind: 'band', fromMs: 90_000, toMs: null, label: 'outage', detail: 'outage' },
    ]);
  });

  it('starts a band at 0 for a run that starts degraded, and splits one that changes degree', () => {
    const scenario = parseScenario({
      downstream: { servers: 10, capacityFactor: 0.6 },
      timeline: [
        { atMs: 10_000, set: { 'downstream.capacityFactor': 0.4 } },
        { atMs: 20_000, set: { 'downstream.capacityFactor': 1 } },
      ],
    });
    expect(timelineMarkers(scenario).map((m) => [m.fromMs, m.toMs, m.label])).toEqual([
      [0, 10_000, 'capacity ×0.6'],
      [10_000, 20_000, 'capacity ×0.4'],
    ]);
  });

  it('marks spikes, replays and setting changes as lines, each change in words', () => {
    const scenario = parseScenario({
      traffic: { bursts: [{ atMs: 5000, count: 600 }] },
      timeline: [
        { atMs: 20_000, set: { 'relay.retry.jitter': 'full', 'relay.workers': 20 } },
        { atMs: 25_000, set: { 'downstream.failureProbability': 0.35 } },
        { atMs: 30_000, action: 'replayAllDeadLetters' },
        { atMs: 31_000, action: 'burst', count: 50 },
      ],
    });
    expect(timelineMarkers(scenario).map((m) => [m.fromMs, m.label, m.detail])).toEqual([
      [5000, 'spike', 'spike of 600 requests'],
      [20_000, 'changes', 'Jitter: Full; Workers: 20 workers'],
      [25_000, 'Failure rate', 'Failure rate: 35%'],
      [30_000, 'replay', 'replay of every dead letter'],
      [31_000, 'spike', 'spike of 50 requests'],
    ]);
  });

  it('keeps what overlaps a window: bands across its edges, lines inside it', () => {
    const marks = timelineMarkers(
      parseScenario({
        traffic: { bursts: [{ atMs: 1000, count: 5 }] },
        timeline: [
          { atMs: 2000, set: { 'downstream.outage': true } },
          { atMs: 9000, set: { 'downstream.outage': false } },
        ],
      }),
    );
    expect(marksIn(marks, 5000, 20_000).map((m) => m.label)).toEqual(['outage']);
    expect(marksIn(marks, 0, 1500).map((m) => m.label)).toEqual(['spike']);
    expect(marksIn(marks, 10_000, 20_000)).toEqual([]);
  });
});
