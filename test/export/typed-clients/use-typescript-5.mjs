// Loaded with `node --import` before a typed-client generator runs. openapi-typescript 7 and
// @hey-api/openapi-ts build their output with the TypeScript 5 compiler API, which the project's
// TypeScript 7 (the native compiler) no longer ships; `typescript-5` (an npm alias) provides it to
// those two packages only, everything else keeps resolving `typescript` as usual.
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && /[\\\\/]node_modules[\\\\/](openapi-typescript|@hey-api)[\\\\/]/.test(context.parentURL ?? '')) {
    return next('typescript-5', context);
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url);
