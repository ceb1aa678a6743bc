/** Core constants the UI needs (the UI imports only types from the core, values via the store). */
export {
  LOGNORMAL_P99_RATIO_DEFAULT,
  LOGNORMAL_P99_RATIO_MAX,
  MAX_CAPACITY,
  MAX_RATE_PER_SEC,
} from '../core';
