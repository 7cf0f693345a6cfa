// dependency-cruiser rules: the dependency directions of /work/shared/ARCHITECTURE.md, checked by
// `pnpm deps:check` (step 3 of `npm test`). Run from the repo root:
//   pnpm exec depcruise --config scripts/dependency-cruiser.cjs --output-type err-long services packages test scripts
// Paths in rules are relative to the repo root. Workspace imports (`@mottak/<name>`) resolve through
// tsconfig.base.json's paths (or the pnpm workspace symlinks) to packages/<name>/src/index.ts, so
// a rule about `^packages/core/` also catches `import … from '@mottak/core'`.

/** Our own code: anything a rule about "imports of ours" must look at. */
const OURS = '^(packages|services|test|scripts)/';

/** Unit tests beside the code; they may also use the contract suites and builders of test-kit. */
const TEST_FILE = '\\.test\\.tsx?$';

/**
 * Rules that let files under `fromPath` import, of our code, only their own package and `allowed`
 * (its tests may import test-kit as well).
 * @param {string} name rule name shown in the report
 * @param {string} fromPath regular expression for the importing package, its folder in group 1
 * @param {string[]} allowed regular expressions for the importable folders besides the package itself
 * @param {string} comment why the rule exists
 * @returns {import('dependency-cruiser').IForbiddenRuleType[]}
 */
function onlyImports(name, fromPath, allowed, comment) {
  const rule = (suffix, from, extra) => ({
    name: name + suffix,
    comment,
    severity: 'error',
    from,
    to: { path: OURS, pathNot: ['^$1/', ...allowed, ...extra] },
  });
  return [
    rule('', { path: fromPath, pathNot: TEST_FILE }, []),
    rule('-in-tests', { path: `${fromPath}.*${TEST_FILE}` }, ['^packages/test-kit/']),
  ];
}

/** Libraries of the outer ring: the core reaches them only through ports. */
const INFRA_LIBS = ['express', 'better-sqlite3', 'mongoose', 'bullmq', 'ioredis', '@elastic/elasticsearch'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Cycles make load order fragile and layers meaningless; break them with a port or a move.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'An import that cannot be resolved is either a typo or a dependency missing from the package.json ' +
        'of the package that uses it (pnpm does not hoist), and it would also hide the import from the rules below.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-undeclared-npm',
      comment:
        'Every npm package a file imports must be declared in its package.json or the root package.json.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-test',
      comment: 'Production code never imports the cross-package tests in test/ or the scripts/.',
      severity: 'error',
      from: { path: '^(packages|services)/' },
      to: { path: '^(test|scripts)/' },
    },
    ...onlyImports(
      'domain-imports-nothing-of-ours',
      '^(packages/domain)/',
      [],
      'The domain is the centre: schemas, value objects, errors. It depends on nothing of ours.',
    ),
    ...onlyImports(
      'policies-only-domain',
      '^(packages/policies)/',
      ['^packages/domain/'],
      'Access rules are built from domain types only.',
    ),
    ...onlyImports(
      'assessment-only-domain',
      '^(packages/assessment)/',
      ['^packages/domain/'],
      'The first-assessment engine is pure functions over domain types.',
    ),
    ...onlyImports(
      'quality-only-domain-assessment',
      '^(packages/quality)/',
      ['^packages/(domain|assessment)/'],
      'The data-quality engine is pure functions over domain types (it reuses the validators of assessment).',
    ),
    ...onlyImports(
      'exports-only-domain',
      '^(packages/exports)/',
      ['^packages/domain/'],
      'Archival and sharing exports are pure serialisers of domain types.',
    ),
    ...onlyImports(
      'core-only-domain-policies-assessment-quality-exports',
      '^(packages/core)/',
      ['^packages/(domain|policies|assessment|quality|exports)/'],
      'Use cases see the outside world only through their ports; never an adapter, runtime or service.',
    ),
    {
      name: 'core-no-infrastructure-libraries',
      comment: 'The core never imports an engine or HTTP library; an adapter implements a port instead.',
      severity: 'error',
      from: { path: '^packages/(core|domain|policies|assessment|quality|exports)/' },
      // Matches both a resolved path (node_modules/.pnpm/…/node_modules/express/index.js) and an
      // unresolved bare name (express), so an undeclared import is caught here too.
      to: { path: `(^|/)(${INFRA_LIBS.map((lib) => lib.replace(/[.]/g, '\\.')).join('|')})(/|$)` },
    },
    ...onlyImports(
      'adapters-only-core-policies-domain',
      '^(packages/adapters-[^/]+)/',
      ['^packages/(core|policies|domain)/'],
      'An adapter implements core ports; it never imports a service, the runtime or another adapter.',
    ),
    ...onlyImports(
      'runtime-imports-nothing-of-ours',
      '^(packages/runtime)/',
      [],
      'Config, logging and shutdown are generic plumbing with no knowledge of the domain.',
    ),
    ...onlyImports(
      'test-kit-only-core-policies-domain-assessment',
      '^(packages/test-kit)/',
      ['^packages/(core|policies|domain|assessment)/'],
      'Contract suites and builders test ports, never a particular adapter.',
    ),
    ...onlyImports(
      'bootstrap-only-packages',
      '^(packages/bootstrap)/',
      ['^packages/'],
      'Shared composition (opening the embedded adapters, demo data) for the services: packages only.',
    ),
    ...onlyImports(
      'services-only-packages-and-api-worker-indexer',
      '^(services/[^/]+)/',
      ['^packages/', '^services/(api|worker|indexer)/'],
      'Services wire packages together; the api, worker and indexer are reusable by the composite ' +
        'services (all-in-one, cli). Nothing imports cli, all-in-one or web.',
    ),
    ...onlyImports(
      'web-only-domain',
      '^(services/web)/',
      ['^packages/domain/'],
      'The browser app talks to Mottak over HTTP. Of our code it may use only the domain, for its types; ' +
        'never the core, an adapter, the runtime or a service.',
    ),
    {
      name: 'web-domain-types-only',
      comment:
        'Domain imports in the browser app are type-only (erased by the build), so no server code or zod ' +
        'schema ends up in the bundle; labels and lists the UI needs are its own, checked against the types.',
      severity: 'error',
      from: { path: '^services/web/' },
      to: { path: '^packages/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-no-node-modules',
      comment: "Node's built-in modules do not exist in the browser (vite.config.ts, run by Node, may use them).",
      severity: 'error',
      from: { path: '^services/web/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-no-server-libraries',
      comment: 'Server libraries (HTTP, engines, zod, logging) never go into the browser bundle.',
      severity: 'error',
      from: { path: '^services/web/src/' },
      to: { path: `(^|/)(${[...INFRA_LIBS, 'zod', 'pino', 'pino-http', 'helmet', 'express-rate-limit'].map((lib) => lib.replace(/[.]/g, '\\.')).join('|')})(/|$)` },
    },
  ],
  options: {
    // Cruise our code, but do not descend into libraries (their resolved paths are still checked).
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['(^|/)(dist|coverage|\\.data|\\.cache|test-results|bench/results)/'] },
    // Type-only imports count: a domain file importing a type from core is still a wrong direction.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    // Root devDependencies (jest, supertest, fast-check) are declared once for all packages.
    combinedDependencies: true,
    moduleSystems: ['cjs', 'es6'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
