/**
 * The guided scenarios' files as JSON, by path (`../scenarios/<id>.json`): a chunk of their own,
 * loaded with the first scenario someone picks, importing nothing the page already has.
 */
export const GUIDED_FILES: Readonly<Record<string, unknown>> = import.meta.glob(
  '../scenarios/*.json',
  { eager: true, import: 'default' },
);
