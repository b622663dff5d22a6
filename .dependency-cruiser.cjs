// Import boundaries between the folders (docs/ARCHITECTURE.md, "Layers"), checked by `npm run deps`
// in `npm test`. dependency-cruiser rather than ESLint's no-restricted-imports: one tool sees the
// whole graph, so it also fails on import cycles, which a per-file lint rule cannot see.
/** Each folder and the folders it may import (besides itself and npm packages). */
const LAYERS = {
  'utils/core': [],
  'utils/sites': ['utils/core'],
  'utils/posts': ['utils/core', 'utils/sites'],
  'utils/settings': ['utils/core'],
  'utils/ai': ['utils/core', 'utils/settings'],
  'utils/evidence': ['utils/core', 'utils/settings'],
  'utils/notes': ['utils/core', 'utils/settings', 'utils/ai', 'utils/evidence'],
  'utils/messaging': ['utils/core', 'utils/settings', 'utils/ai', 'utils/notes'],
  'utils/background': ['utils/[^/]+'],
  components: ['utils/core', 'utils/settings', 'utils/ai', 'utils/messaging'],
};

const layerRules = Object.entries(LAYERS).map(([from, allowed]) => ({
  name: `layer:${from}`,
  comment: `${from} may import only ${allowed.length ? allowed.join(', ') : 'its own folder'}`,
  severity: 'error',
  from: { path: `^${from}/`, pathNot: '\\.test\\.tsx?$' },
  to: {
    path: '^(utils|components|entrypoints|test-support|e2e|scripts|bench)/',
    pathNot: [`^${from}/`, ...allowed.map((folder) => `^${folder}/`)],
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle: the layers are a one-way stack.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'test-support-only-in-tests',
      comment: 'test-support/ is for tests; product code never imports it.',
      severity: 'error',
      from: { path: '^(utils|components|entrypoints)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^test-support/' },
    },
    {
      name: 'components-without-browser',
      comment: 'Components receive data and callbacks; the stores talk to the browser.',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '(^|/)node_modules/(wxt/dist/browser|webextension-polyfill)' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.deps.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.output|\\.wxt|node_modules)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
