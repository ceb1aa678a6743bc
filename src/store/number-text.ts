/** Numbers as text without Intl (the page takes the core's writer from here, never from the core). */
export { groupedNumber } from '../core';
