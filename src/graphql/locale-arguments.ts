import { defaultFieldResolver, type GraphQLSchema, isObjectType } from "graphql";
import type { Locale } from "../lib/locale.ts";

/**
 * Every field with a `locale` argument reads the request's locale (context.locale: the user's preference, else
 * Accept-Language, else ZH) when the argument is omitted, so no resolver resolves it itself. The schema's fields
 * are wrapped in place, once, when the schema is built; an explicit argument is passed through untouched.
 */
export function withRequestLocale(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((argument) => argument.name === "locale")) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: { locale?: Locale | null }, context: { locale: Locale }, info) =>
        resolve(source, args.locale ? args : { ...args, locale: context.locale }, context, info);
    }
  }
  return schema;
}
