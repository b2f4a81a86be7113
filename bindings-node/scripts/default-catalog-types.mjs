// Writes (or checks) the generated block of index.d.ts: string-literal unions
// of the default catalog's ids, presets and capabilities, read from the core.
//
//   node scripts/default-catalog-types.mjs          # rewrite the block
//   node scripts/default-catalog-types.mjs --check  # exit 1 if it is stale
import { Catalog } from '../index.mjs';
import { generatedBlockScript, union } from './generated-block.mjs';

export const { generatedBlock, currentBlock } = generatedBlockScript({
  url: import.meta.url,
  script: 'scripts/default-catalog-types.mjs',
  title: 'default catalog',
  what: 'default catalog types',
  unions: () => {
    const catalog = Catalog.default();
    return [
      union('DefaultAreaId', 'Every node id of the default catalog, in catalog order.', catalog.ids),
      union('DefaultPreset', "The default catalog's presets.", catalog.presets()),
      union(
        'DefaultCapability',
        "The default catalog's capabilities.",
        catalog.capabilities().map((c) => c.name),
      ),
    ];
  },
});
