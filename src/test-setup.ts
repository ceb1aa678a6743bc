// Shared test setup; component tests opt into jsdom with `// @vitest-environment jsdom`.
export {};
