/** Core constants the UI needs (the UI imports only types from the core, values via the store). */
export { LOGNORMAL_P99_RATIO_DEFAULT, LOGNORMAL_P99_RATIO_MAX } from '../core';
