import type { SearchDocument } from '@mottak/core';
import { GRADERINGER, ROLES, type User } from '@mottak/domain';
import fc from 'fast-check';

let documentCounter = 0;

/** A registered, unclassified report as the indexer would hand it over; override what a test is about. */
export function aSearchDocument(overrides: Partial<SearchDocument> = {}): SearchDocument {
  documentCounter++;
  return {
    id: `doc-${documentCounter}`,
    journalNumber: `2026/${String(documentCounter).padStart(6, '0')}`,
    title: 'Melding om observasjon',
    body: 'En innbygger meldte fra om noe uvanlig.',
    channel: 'tipsskjema',
    category: 'observasjon',
    priority: 'P3',
    gradering: 'UGRADERT',
    compartments: [],
    status: 'registrert',
    registeredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, documentCounter)).toISOString(),
    identifiers: [],
    entityTypes: [],
    ...overrides,
  };
}

/** The compartments test users and documents draw from. */
export const COMPARTMENTS = ['alfa', 'bravo', 'charlie'];

/** A search user cleared for everything; override what a test is about. */
export function aUserWith(overrides: Partial<User>): User {
  return {
    id: 'u-1',
    username: 'sara',
    displayName: 'Sara Søker',
    roles: ['sokebruker'],
    klarering: 'STRENGT_HEMMELIG',
    unit: 'analyse',
    compartments: [...COMPARTMENTS],
    needs: [],
    disabled: false,
    ...overrides,
  };
}

/** Random users for the search-index property tests: any roles, klarering and compartments, sometimes disabled. */
export const searchUserArbitrary = fc.record({
  klarering: fc.constantFrom(...GRADERINGER),
  compartments: fc.subarray(COMPARTMENTS),
  roles: fc.subarray([...ROLES]),
  disabled: fc.boolean(),
});
