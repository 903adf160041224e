/**
 * What a --try-it page's data file (`_try-it.json`, written by render/try-it.ts) holds, and what the
 * browser console (site/src/try-it.ts) reads: a model slice the checker accepts plus the product.
 * Types only, so the browser bundle imports nothing of the Node side.
 */
import type { ApiModel } from '../model/types.js';
import type { CheckModel } from './index.js';

export interface ConsoleData extends CheckModel {
  product: ApiModel['product'];
}
