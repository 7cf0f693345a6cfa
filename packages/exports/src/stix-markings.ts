import type { Gradering } from '@mottak/domain';

/** TLP 2.0 levels, least restrictive first. */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

/** The OASIS extension that carries TLP 2.0 in STIX 2.1 marking definitions. */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The official TLP 2.0 marking-definition ids (oasis-open/cti-stix-common-objects). */
export const TLP2_MARKING_IDS: Record<TlpLevel, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** The TLP 1.0 marking definitions predefined by STIX 2.1 itself (section 7.2.1.4); refs to them need no object. */
export const STIX21_TLP1_MARKING_IDS: readonly string[] = [
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
];

/** A TLP 2.0 marking-definition object as OASIS publishes it (without its created_by_ref). */
export function tlp2MarkingDefinition(level: TlpLevel): Record<string, unknown> {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

/**
 * Gradering → TLP 2.0, for sharing outside Mottak:
 * - UGRADERT → TLP:GREEN (not classified, but not public either: community sharing); with a
 *   skjerming (exempt from public access) → TLP:AMBER.
 * - BEGRENSET → TLP:AMBER (recipients' organisations, need to know).
 * - KONFIDENSIELT → TLP:AMBER+STRICT (recipients' own organisation only).
 * - HEMMELIG, STRENGT HEMMELIG → TLP:RED (named recipients only).
 * TLP:CLEAR is never chosen: nothing Mottak receives is public by default.
 */
export function tlpForGradering(gradering: Gradering, skjermet: boolean): TlpLevel {
  switch (gradering) {
    case 'UGRADERT':
      return skjermet ? 'amber' : 'green';
    case 'BEGRENSET':
      return 'amber';
    case 'KONFIDENSIELT':
      return 'amber+strict';
    case 'HEMMELIG':
    case 'STRENGT_HEMMELIG':
      return 'red';
  }
}

/** The more restrictive of two TLP levels. */
export function stricterTlp(a: TlpLevel, b: TlpLevel): TlpLevel {
  return TLP_LEVELS.indexOf(a) >= TLP_LEVELS.indexOf(b) ? a : b;
}
