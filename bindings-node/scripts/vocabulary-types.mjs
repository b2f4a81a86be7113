// Writes (or checks) the generated block of index.d.ts: the string-literal
// unions of error, problem and warning codes, read from the core's lists.
//
//   node scripts/vocabulary-types.mjs          # rewrite the block
//   node scripts/vocabulary-types.mjs --check  # exit 1 if it is stale
import { createRequire } from 'node:module';
import { generatedBlockScript, union } from './generated-block.mjs';

const { native } = createRequire(import.meta.url)('../lib/native.js');

export const { generatedBlock, currentBlock } = generatedBlockScript({
  url: import.meta.url,
  script: 'scripts/vocabulary-types.mjs',
  title: 'vocabulary codes',
  what: 'vocabulary code types',
  unions: () => {
    const vocabulary = native.vocabulary();
    return [
      union('ErrorCode', 'Every error code the core can raise.', vocabulary.errorCodes),
      union('WarningCode', 'The problems that lenient parsing turns into warnings.', vocabulary.warningCodes),
      union('ProblemCode', 'The code of a problem with one record of a workspace export.', vocabulary.problemCodes),
    ];
  },
});
