// ESLint 9 flat config for the whole repo. It lives in scripts/ so the repo's top level stays small;
// run it from the repo root with `eslint --config scripts/eslint.config.mjs .` (the `lint` script does).
// ESLint 9 resolves the patterns below against the working directory, i.e. the repo root.
// Syntax-only typescript-eslint rules (no type information) keep a full lint run to a few seconds;
// the type checker (`pnpm typecheck`) covers what type-aware rules would add.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node's globals, listed here so the config needs no extra `globals` dependency. */
const nodeGlobals = {
  AbortController: 'readonly',
  AbortSignal: 'readonly',
  Buffer: 'readonly',
  URL: 'readonly',
  URLSearchParams: 'readonly',
  TextDecoder: 'readonly',
  TextEncoder: 'readonly',
  clearImmediate: 'readonly',
  clearInterval: 'readonly',
  clearTimeout: 'readonly',
  console: 'readonly',
  fetch: 'readonly',
  global: 'readonly',
  globalThis: 'readonly',
  performance: 'readonly',
  process: 'readonly',
  queueMicrotask: 'readonly',
  setImmediate: 'readonly',
  setInterval: 'readonly',
  setTimeout: 'readonly',
  structuredClone: 'readonly',
};

/** CommonJS module-scope variables, for *.cjs files. */
const commonJsGlobals = {
  __dirname: 'readonly',
  __filename: 'readonly',
  exports: 'writable',
  module: 'writable',
  require: 'readonly',
};

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/coverage/',
    '**/.data/',
    '**/.cache/',
    '**/test-results/',
    '**/bench/results/',
    'services/web/dist/',
  ]),
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: nodeGlobals,
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      // `_`-prefixed names mark deliberately unused parameters (port methods an adapter ignores,
      // express's 4-argument error handler) and destructured-away fields.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { ...nodeGlobals, ...commonJsGlobals },
    },
    rules: {
      // require() is how a .cjs file imports.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The browser app (services/web/src) runs in the browser: Node's globals and modules do not exist
    // there, and a bundler shim would only hide the mistake. (no-undef is off for TypeScript, whose
    // checker, with the DOM library in services/web/tsconfig.json, covers the browser's globals.)
    files: ['services/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'global', '__dirname', '__filename', 'require', 'module', 'exports', 'setImmediate', 'clearImmediate'].map((name) => ({
          name,
          message: 'A Node.js global; the web app runs in the browser.',
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'Node.js modules do not exist in the browser.' },
            { regex: '^@mottak/(?!domain$)', message: 'The web app talks to the server over HTTP; of our packages it may import only @mottak/domain, and only types.' },
          ],
        },
      ],
      // Domain code is imported for its types only, so no server code (or zod) ends up in the bundle.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: '@mottak/domain', message: 'Import types only: `import type { … } from "@mottak/domain"`.', allowTypeImports: true }] },
      ],
    },
  },
  {
    // Services and packages log through the runtime's pino logger (structured, with ids);
    // the CLI talks to a person on a terminal, and scripts/ and test/ (bench included) may print.
    files: ['packages/**', 'services/**'],
    ignores: ['services/cli/**'],
    rules: {
      'no-console': 'error',
    },
  },
);
