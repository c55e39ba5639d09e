import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql'

export interface QueryLimits {
  /** Deepest field nesting (the product page needs 4: product → recommendations → reviews → stars). */
  maxDepth: number
  /** Fields the query asks for, aliases and fragments expanded: an alias bomb asks for thousands. */
  maxFields: number
}

/**
 * One validation rule for both limits, run before anything executes: a query past either gets a
 * clear error and costs no resolver, no SQL and no gRPC call. Fields are counted as written,
 * with every alias a field of its own and fragments expanded where they are spread (a fragment
 * spread in a loop is refused by GraphQL's own NoFragmentCycles rule first). Introspection is
 * counted like any other query, so `__schema` nested 50 deep is refused too.
 */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>()
    for (const definition of context.getDocument().definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)

    const measure = (set: SelectionSetNode, depth: number, seen: Set<string>): { depth: number; fields: number } => {
      let deepest = depth
      let fields = 0
      for (const selection of set.selections) {
        let inner: { depth: number; fields: number } | undefined
        if (selection.kind === Kind.FIELD) {
          fields++
          if (selection.selectionSet) inner = measure(selection.selectionSet, depth + 1, seen)
        } else if (selection.kind === Kind.INLINE_FRAGMENT) inner = measure(selection.selectionSet, depth, seen)
        else {
          const fragment = fragments.get(selection.name.value)
          if (fragment && !seen.has(fragment.name.value))
            inner = measure(fragment.selectionSet, depth, new Set([...seen, fragment.name.value]))
        }
        if (inner) {
          deepest = Math.max(deepest, inner.depth)
          fields += inner.fields
        }
        // Stop counting early: a 1 MB alias bomb need not be walked to the end.
        if (fields > limits.maxFields) break
      }
      return { depth: deepest, fields }
    }

    return {
      OperationDefinition(operation) {
        const { depth, fields } = measure(operation.selectionSet, 1, new Set())
        if (depth > limits.maxDepth)
          context.reportError(
            new GraphQLError(`query depth ${depth} exceeds the limit of ${limits.maxDepth}`, {
              nodes: [operation],
              extensions: { code: 'QUERY_TOO_DEEP' },
            }),
          )
        if (fields > limits.maxFields)
          context.reportError(
            new GraphQLError(`query asks for more than ${limits.maxFields} fields (aliases count)`, {
              nodes: [operation],
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            }),
          )
      },
    }
  }
}
