import { useEffect, useRef, useState } from 'react';

/**
 * `value`, passed on at most once every `intervalMs` of wall time: a change within the interval
 * waits for its end, and then the newest value is shown. What reads the numbers out (a table, a
 * focused button's name) changes at a pace a person can follow, whatever the run's speed.
 */
export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const passedAt = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const pass = () => {
      passedAt.current = performance.now();
      setShown(value);
    };
    const waitMs = passedAt.current + intervalMs - performance.now();
    if (waitMs <= 0) {
      pass();
      return;
    }
    const timer = setTimeout(pass, waitMs);
    return () => clearTimeout(timer);
  }, [value, shown, intervalMs]);
  return shown;
}
