import { createHash } from 'node:crypto';
import { foldForComparison } from './normalize';

/** SHA-256 hex of the normalised, case-folded, whitespace-collapsed title + "\n" + body — equal for reports that differ only in whitespace/case/zero-width chars. */
export function contentHash(title: string, body: string): string {
  return createHash('sha256')
    .update(`${foldForComparison(title)}\n${foldForComparison(body)}`, 'utf8')
    .digest('hex');
}
