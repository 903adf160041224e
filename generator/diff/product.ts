/**
 * Versions compared or built into one site must be of one product: a Backup Server schema "after" a
 * VE one is not a changelog (every operation would read as added or removed).
 */
import { InputError } from '../errors.js';
import { clearProduct } from '../model/product.js';
import type { ApiModel } from '../model/types.js';

/** Throws an InputError naming every version, its product and its file when the models are not all of one product. */
export function checkOneProduct(models: readonly ApiModel[]): void {
  // The newest version names the site's product: the first model that differs is the odd one.
  const newest = models[models.length - 1];
  const odd = models.find((m) => m.product !== newest?.product);
  if (!newest || !odd) return;
  const groups = new Map<string, ApiModel[]>();
  for (const model of models) groups.set(model.productName, [...(groups.get(model.productName) ?? []), model]);
  const parts = [...groups].map(([name, group]) => {
    // A version without a label (none in the file name) is named by its file alone.
    const labels = group.map((m) => m.version || m.source).join(', ');
    const files = group.flatMap((m) => [...(m.version ? [m.source] : []), ...(guessed(m) ? ['guessed: its paths do not tell'] : [])]);
    return `${labels} ${group.length === 1 ? 'is' : 'are'} ${name}${files.length > 0 ? ` (${files.join(', ')})` : ''}`;
  });
  throw new InputError(odd.source, null, `versions must be of one product: ${parts.join('; ')}`);
}

/** The model's product was the default guess, not read from its paths (nor given). */
function guessed(model: ApiModel): boolean {
  return clearProduct(model.paths.map((p) => p.path)) === null;
}
