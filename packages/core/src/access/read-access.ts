import type { User } from '@mottak/domain';
import { type AccessCondition, type AppAbility, defineAbilityFor, mustMaskPersonalData, reportAccessCondition } from '@mottak/policies';
import type { CoreDeps } from '../deps';

/** What one user may read right now: the ability (with active grants), its compiled condition, and whether to mask. */
export interface ReadAccess {
  ability: AppAbility;
  /** Compiled into every store and index query; never applied to fetched rows. */
  access: AccessCondition;
  /** True when personal identifiers and reporter contact details must be masked for this user. */
  masked: boolean;
}

/**
 * The one place read access is computed for a request: the user's ability widened by their
 * approved, unexpired need-to-know grants. Grants lapse by the clock, so this runs per request.
 */
export async function readAccessFor(deps: CoreDeps, user: User): Promise<ReadAccess> {
  const grantedReportIds = user.disabled ? [] : await deps.approvals.activeGrantReportIds(user.username, deps.clock.now().toISOString());
  const ability = defineAbilityFor(user, { grantedReportIds });
  return { ability, access: reportAccessCondition(ability), masked: mustMaskPersonalData(ability) };
}
