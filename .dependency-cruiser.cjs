/**
 * The dependency rules of the package (npm test runs `depcruise`): no import circle; core/ knows no
 * host; a host never imports another host; the shipped code never imports tests, benches or build steps.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'an import circle', from: {}, to: { circular: true } },
    {
      name: 'core-knows-no-host',
      severity: 'error',
      comment: 'core/ holds only what knows no host: it imports nothing from generators/',
      from: { path: '^core/' },
      to: { path: '^generators/' },
    },
    {
      name: 'generators-apart',
      severity: 'error',
      comment:
        'a generator folder (a host, context-doc) imports core/, the registry generators/hosts.ts and its own files, never ' +
        "another generator's folder; app/ is exempt: it is the openmetadata generator under yo's default name",
      from: { path: '^generators/(?!app/)([^/]+)/' },
      to: { path: '^generators/[^/]+/', pathNot: '^generators/$1/' },
    },
    {
      name: 'registry-loads-hosts-lazily',
      severity: 'error',
      comment: 'generators/hosts.ts imports each host only when asked (import()): the bin lists the hosts without loading one',
      from: { path: '^generators/hosts\\.ts$' },
      to: { path: '^generators/[^/]+/', dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'shipped-code-apart',
      severity: 'error',
      comment: 'what the package ships (core/, generators/, bin/) imports no test, bench or build step',
      from: { path: '^(core|generators|bin)/' },
      to: { path: '^(test|bench|build)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|/templates/)' },
    tsConfig: { fileName: 'tsconfig.test.json' },
    tsPreCompilationDeps: true,
  },
};
