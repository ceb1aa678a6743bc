/** Modules made at build time by the plugins in `vite.config.ts`. */
declare module 'virtual:guided-titles' {
  /** Each guided scenario's title, by id (its file name in `src/scenarios`). */
  const titles: Readonly<Record<string, string>>;
  export default titles;
}
