/**
 * The config type follows the declarations: checked by `npm run typecheck` (the @ts-expect-error
 * lines fail the type check if a wrong config were accepted) and run as a plain test.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineConfig, type Config } from '../../generator/index.js';

describe('defineConfig', () => {
  it('returns its argument and types every key', () => {
    const config = defineConfig({
      schema: 'pve-9.1.apidata.js',
      out: 'public',
      product: 'pve',
      offline: true,
      port: 8080,
      emit: ['model'],
      headerLink: ['A=https://a'],
      openapi: { out: 'api.yaml' },
    });
    expect(config.out).toBe('public');
    expectTypeOf<Config['product']>().toEqualTypeOf<'pve' | 'pmg' | 'pbs' | undefined>();
    expectTypeOf<Config['offline']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Config['port']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Config['emit']>().toEqualTypeOf<'model'[] | undefined>();
    expectTypeOf<Config['baseUrl']>().toEqualTypeOf<string | undefined>();
  });

  it('rejects what the loader rejects', () => {
    // @ts-expect-error not a product
    defineConfig({ product: 'pxe' });
    // @ts-expect-error booleans are booleans
    defineConfig({ offline: 'yes' });
    // @ts-expect-error unknown key (camelCase is baseUrl)
    defineConfig({ baseURL: '/x/' });
    // @ts-expect-error command-line only
    defineConfig({ verbose: true });
    // @ts-expect-error offline is not an option of dev
    defineConfig({ dev: { offline: true } });
    expect(true).toBe(true);
  });
});
