/**
 * A small GraphQL explorer (no bundler, no CDN): a query box, variables, run, the result, and
 * the schema's types read by introspection. The x-sql-statements header shows what DataLoader
 * batching saved: try one product, then ten.
 */
const $ = (id) => document.getElementById(id)

$('query').value = `query ProductPage($sku: ID!) {
  product(sku: $sku) {
    sku title priceCents stock
    reviews { author stars body }
    recommendations { sku title priceCents stock }
  }
}`

async function graphql(query, variables) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  })
  return { status: response.status, sql: response.headers.get('x-sql-statements'), body: await response.json() }
}

$('run').onclick = async () => {
  let variables
  try {
    variables = JSON.parse($('variables').value || '{}')
  } catch {
    $('result').textContent = 'variables are not JSON'
    return
  }
  const answer = await graphql($('query').value, variables)
  $('cost').textContent = `${answer.status} · ${answer.sql ?? '?'} SQL statements`
  $('result').textContent = JSON.stringify(answer.body, null, 2)
}

const INTROSPECT = '{ __schema { types { name kind fields { name type { name kind ofType { name kind } } } } } }'
const typeName = (type) =>
  type.name
    ? type.name
    : `${type.kind === 'LIST' ? '[' : ''}${type.ofType?.name ?? '?'}${type.kind === 'NON_NULL' ? '!' : type.kind === 'LIST' ? ']' : ''}`

graphql(INTROSPECT).then(({ body }) => {
  const types = body.data.__schema.types.filter((type) => !type.name.startsWith('__') && type.kind === 'OBJECT')
  $('types').replaceChildren(
    ...types.map((type) => {
      const item = document.createElement('li')
      item.dataset.type = type.name
      item.textContent = `${type.name} { ${type.fields.map((field) => `${field.name}: ${typeName(field.type)}`).join(', ')} }`
      return item
    }),
  )
})
