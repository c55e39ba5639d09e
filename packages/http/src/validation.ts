import AjvCompiler from '@fastify/ajv-compiler'
import type { FastifySchemaCompiler, FastifyServerOptions } from 'fastify'

type BuildValidator = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildValidator']
type CompilerOptions = Parameters<ReturnType<typeof AjvCompiler>>[1]

/**
 * Fastify's default Ajv options coerce types and strip unknown fields: `{"handle":123}` arrives
 * as the string "123", `"lat":"52.51"` as a number, and `"admin":true` silently disappears when
 * the schema says `additionalProperties: false`. A client with a bug never hears about it. A
 * JSON body has real types, so it is checked exactly as sent: no coercion, and an unknown field
 * is an error, not a deletion.
 */
const JSON_BODY = { coerceTypes: false, removeAdditional: false } as const

/**
 * A query string, path parameters and headers are text on the wire: `?limit=20` can only ever
 * arrive as "20", so these parts keep coercion to the declared type (and a lone `?tag=a` to an
 * array where the schema wants one). "twenty" still fails, and unknown fields are refused here too.
 */
const TEXT_PARTS = { coerceTypes: 'array', removeAdditional: false } as const

/**
 * A validator factory for `schemaController.compilersFactory.buildValidator`: one Ajv for
 * bodies, one for the parts that are text. Shared schemas (`app.addSchema`) and the server's
 * own `ajv` option reach both; the strictness above always wins over the latter.
 */
export function strictValidators(): BuildValidator {
  const bodies = AjvCompiler()
  const texts = AjvCompiler()
  const build = (externalSchemas: Parameters<typeof bodies>[0], options?: CompilerOptions) => {
    const custom = options?.customOptions
    const plugins = options?.plugins
    const forBodies = bodies(externalSchemas, { plugins, customOptions: { ...custom, ...JSON_BODY } })
    const forTexts = texts(externalSchemas, { plugins, customOptions: { ...custom, ...TEXT_PARTS } })
    // @fastify/ajv-compiler's types describe its compile function as Ajv's (schema) => validate;
    // fastify calls it with the route definition, whose httpPart tells the two apart.
    const compile = ((route) =>
      (route.httpPart === 'body' ? forBodies : forTexts)(route as never)) as FastifySchemaCompiler<unknown>
    return compile
  }
  return build as unknown as BuildValidator
}
