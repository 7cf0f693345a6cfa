import { createHash } from 'node:crypto';
import type { ReporterContact, ReportSource } from '@mottak/domain';
import { toE164Phone } from './phone.extractor';

/** The kinds of source Mottak can recognise again. */
export type SourceKind = 'partner' | 'e-post' | 'telefon';

/** One way of recognising who stands behind a report. */
export interface SourceIdentity {
  kind: SourceKind;
  /** `<kind>:<SHA-256 hex>` of the normalised identifier: what the store indexes and compares. */
  key: string;
  /** The identifier in plain words, for the coordinator (never stored as a key). */
  label: string;
}

/** What a report says about who sent it. */
export interface ReportSourceFacts {
  source: ReportSource;
  reporterContact?: ReporterContact;
}

function identity(kind: SourceKind, normalized: string, label: string): SourceIdentity {
  const digest = createHash('sha256').update(`${kind}:${normalized}`, 'utf8').digest('hex');
  return { kind, key: `${kind}:${digest}`, label };
}

/**
 * Who stands behind a report — its **kilde** (source) in the Admiralty sense — as keys that find the
 * same source's earlier reports:
 * - a partner notice: the partner agency whose API key sent it (one partner = one organisation);
 * - otherwise the person reporting, by the e-mail address and/or phone number they gave
 *   (reporterContact): the tipster on the web form, the caller of a phone note, the sender of an
 *   e-mail (channel `e-post`). Either one recognises them again, so a report can have two keys.
 * A coordinator typing a note is not its source, and an anonymous tip has none: no key, no history,
 * and the suggestion is F («kan ikke bedømmes»).
 *
 * The keys are SHA-256 of the normalised identifier, so that finding a source's history needs no
 * second copy of the reporter's contact details (data minimisation); they are pseudonyms, not
 * anonymous, and are handled as personal data all the same.
 */
export function sourceIdentitiesOf(facts: ReportSourceFacts): SourceIdentity[] {
  const identities: SourceIdentity[] = [];
  if (facts.source.kind === 'partner') identities.push(identity('partner', facts.source.partnerId, `partner ${facts.source.name}`));
  const email = facts.reporterContact?.email?.trim().toLowerCase();
  if (email) identities.push(identity('e-post', email, `e-post ${email}`));
  const rawPhone = facts.reporterContact?.phone;
  if (rawPhone) {
    // A number libphonenumber cannot place is compared as its digits (and a leading +) alone.
    const phone = toE164Phone(rawPhone) ?? rawPhone.replace(/[^0-9+]/g, '');
    if (phone.replace(/\D/g, '').length >= 3) identities.push(identity('telefon', phone, `telefon ${phone}`));
  }
  return identities;
}

/** The keys of sourceIdentitiesOf, for storing with the assessment. */
export function sourceKeysOf(facts: ReportSourceFacts): string[] {
  return sourceIdentitiesOf(facts).map((s) => s.key);
}

/** Keys that stay when a report's content is disposed: the partner's (an organisation), not a person's. */
export function isOrganisationSourceKey(key: string): boolean {
  return key.startsWith('partner:');
}
