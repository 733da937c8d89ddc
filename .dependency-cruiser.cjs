// Process boundaries (architecture.md "Processes and folders"), checked by `npm run lint`.
// The gateway is a plain Node daemon; the renderer is a browser page; shared/protocol is the
// wire contract every side imports, so it imports nothing of ours.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'gateway-stays-a-daemon',
      comment: 'The gateway runs without Electron and knows nothing of the app around it.',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: ['^(main|preload|renderer)/', '^electron$', '^node_modules/electron/'] },
    },
    {
      name: 'core-knows-no-features',
      comment: 'gateway/core serves any feature list: it never imports a feature, the agent runtime or the composition root.',
      severity: 'error',
      from: { path: '^gateway/core/' },
      to: { path: '^gateway/(features|agent|composition|cli)/' },
    },
    {
      name: 'agent-knows-no-features',
      comment: 'Features start turns through the agent-turn port; the agent runtime does not know who calls it.',
      severity: 'error',
      from: { path: '^gateway/agent/' },
      to: { path: '^gateway/(features|composition|cli)/' },
    },
    {
      name: 'features-are-independent',
      comment: 'A feature reaches another only through what the composition root puts in its context.',
      severity: 'error',
      from: { path: '^gateway/features/([^/]+)/' },
      to: { path: '^gateway/features/', pathNot: '^gateway/features/$1/' },
    },
    {
      name: 'features-see-only-their-context',
      comment: 'A feature imports the context type, never the composition root or the feature list.',
      severity: 'error',
      from: { path: '^gateway/features/' },
      to: { path: '^gateway/composition/', pathNot: '^gateway/composition/feature-context[.]ts$' },
    },
    {
      name: 'only-the-cli-exits',
      comment: 'The CLI entry is the only place that calls process.exit; nothing imports it.',
      severity: 'error',
      from: { path: '^gateway/', pathNot: '^gateway/cli/' },
      to: { path: '^gateway/cli/' },
    },
    {
      name: 'renderer-is-a-web-page',
      comment: 'The renderer runs in a sandboxed page (and in the browser): no Node built-ins, no main, no gateway.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^(main|gateway|preload)/', '^electron$', '^node_modules/electron/'] },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'main-talks-to-the-gateway-over-the-wire',
      comment: 'main/ reaches the gateway through the protocol and shared/gateway-host, never its internals.',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: ['^gateway/', '^renderer/'] },
    },
    {
      name: 'preload-is-a-bridge',
      severity: 'error',
      from: { path: '^preload/' },
      to: { path: ['^(main|gateway|renderer)/'] },
    },
    {
      name: 'protocol-imports-nothing-of-ours',
      severity: 'error',
      from: { path: '^shared/protocol/' },
      to: { path: '^(gateway|main|preload|renderer|shared/(?!protocol/))' },
    },
    {
      name: 'client-is-platform-free',
      comment: 'client/ runs in main and in the browser alike: it imports shared/ and nothing of any process, no Node built-ins, no Electron.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: ['^(gateway|main|preload|renderer)/', '^electron$', '^node_modules/electron/'] },
    },
    {
      name: 'client-no-node-builtins',
      severity: 'error',
      from: { path: '^client/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-imports-no-process',
      comment: 'shared/ is used by every process, so it depends on none of them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(gateway|main|preload|renderer|client)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.d.ts'] },
  },
};
