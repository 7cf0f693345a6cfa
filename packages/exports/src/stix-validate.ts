import { isIP } from 'node:net';
import { UUID_V4 } from './stix-ids';
import { STIX21_TLP1_MARKING_IDS, TLP2_MARKING_IDS } from './stix-markings';

/** The outcome of validating a bundle: every rule broken, in object order. */
export type StixValidation = { valid: true } | { valid: false; errors: string[] };

/** RFC 3339 in UTC; `created`/`modified` additionally need at least millisecond precision. */
const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const TIMESTAMP_MS = /\.\d{3,}Z$/;
const TYPE_NAME = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;
/** The comparison expressions Mottak emits: `[object-type:value = 'literal']`, with \' and \\ as the only escapes. */
const PATTERN = /^\[(ipv4-addr|ipv6-addr|email-addr|domain-name|url):value = '((?:[^'\\]|\\['\\])*)'\]$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const KNOWN_MARKINGS = new Set<string>([...Object.values(TLP2_MARKING_IDS), ...STIX21_TLP1_MARKING_IDS]);

/** Properties each object type must have, beyond the common ones (STIX 2.1 §4–§7). */
const REQUIRED: Record<string, readonly string[]> = {
  identity: ['name'],
  report: ['name', 'published', 'object_refs'],
  indicator: ['pattern', 'pattern_type', 'valid_from'],
  'marking-definition': [],
};

type Obj = Record<string, unknown>;

function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

function patternValueProblem(type: string, value: string): string | undefined {
  switch (type) {
    case 'ipv4-addr':
      return isIP(value) === 4 ? undefined : 'ugyldig IPv4-adresse';
    case 'ipv6-addr':
      return isIP(value) === 6 ? undefined : 'ugyldig IPv6-adresse';
    case 'email-addr':
      return /^[^\s@]+@[^\s@]+$/.test(value) ? undefined : 'ugyldig e-postadresse';
    case 'domain-name':
      return DOMAIN.test(value) ? undefined : 'ugyldig domenenavn';
    case 'url':
      try {
        new URL(value);
        return undefined;
      } catch {
        return 'ugyldig URL';
      }
    default:
      return `objekttypen ${type} støttes ikke`;
  }
}

/** Problems with a STIX pattern of the form Mottak emits, or undefined when it is valid. */
export function stixPatternProblem(pattern: string): string | undefined {
  const match = PATTERN.exec(pattern);
  if (!match) return 'mønsteret må ha formen [objekttype:value = \'…\'] med \\\' og \\\\ som eneste escape';
  const value = match[2]!.replace(/\\(['\\])/g, '$1');
  return patternValueProblem(match[1]!, value);
}

function checkObject(object: Obj, where: string, ids: ReadonlySet<string>, errors: string[]): void {
  const type = object.type;
  if (typeof type !== 'string' || !TYPE_NAME.test(type)) {
    errors.push(`${where}: type mangler eller er ugyldig`);
    return;
  }
  const required = REQUIRED[type];
  if (!required) {
    errors.push(`${where}: objekttypen «${type}» støttes ikke av denne validatoren`);
    return;
  }
  const id = object.id;
  if (typeof id !== 'string' || !id.startsWith(`${type}--`) || !UUID_V4.test(id.slice(type.length + 2))) {
    errors.push(`${where}: id må ha formen ${type}--<UUIDv4>`);
  }
  if (object.spec_version !== '2.1') errors.push(`${where}: spec_version må være "2.1"`);
  if (!isTimestamp(object.created) || !TIMESTAMP_MS.test(object.created)) {
    errors.push(`${where}: created må være et RFC 3339-tidspunkt i UTC med millisekunder`);
  }
  // Marking definitions are immutable and have no modified property.
  if (type === 'marking-definition') {
    if (object.modified !== undefined) errors.push(`${where}: marking-definition kan ikke ha modified`);
  } else if (!isTimestamp(object.modified) || !TIMESTAMP_MS.test(object.modified)) {
    errors.push(`${where}: modified må være et RFC 3339-tidspunkt i UTC med millisekunder`);
  } else if (isTimestamp(object.created) && Date.parse(object.modified) < Date.parse(object.created)) {
    errors.push(`${where}: modified er før created`);
  }
  for (const property of required) {
    const value = object[property];
    if (value === undefined || value === null || value === '') errors.push(`${where}: påkrevd egenskap ${property} mangler`);
  }
  checkTypeRules(type, object, where, errors);
  checkRefs(object, where, ids, errors);
}

function checkTypeRules(type: string, object: Obj, where: string, errors: string[]): void {
  if (type === 'report') {
    if (object.published !== undefined && !isTimestamp(object.published)) errors.push(`${where}: published må være et RFC 3339-tidspunkt`);
    if (object.object_refs !== undefined && (!Array.isArray(object.object_refs) || object.object_refs.length === 0)) {
      errors.push(`${where}: object_refs må være en liste med minst én referanse`);
    }
  }
  if (type === 'indicator') {
    if (object.valid_from !== undefined && !isTimestamp(object.valid_from)) errors.push(`${where}: valid_from må være et RFC 3339-tidspunkt`);
    if (object.valid_until !== undefined) {
      if (!isTimestamp(object.valid_until)) errors.push(`${where}: valid_until må være et RFC 3339-tidspunkt`);
      else if (isTimestamp(object.valid_from) && Date.parse(object.valid_until) <= Date.parse(object.valid_from)) {
        errors.push(`${where}: valid_until må være etter valid_from`);
      }
    }
    if (object.pattern_type !== undefined && object.pattern_type !== 'stix') errors.push(`${where}: bare pattern_type "stix" støttes`);
    if (typeof object.pattern === 'string') {
      const problem = stixPatternProblem(object.pattern);
      if (problem) errors.push(`${where}: pattern: ${problem}`);
    } else if (object.pattern !== undefined) {
      errors.push(`${where}: pattern må være tekst`);
    }
  }
  if (type === 'marking-definition') {
    const hasExtension = typeof object.extensions === 'object' && object.extensions !== null && Object.keys(object.extensions).length > 0;
    const hasDefinition = typeof object.definition_type === 'string' && typeof object.definition === 'object' && object.definition !== null;
    if (!hasExtension && !hasDefinition) errors.push(`${where}: marking-definition må ha extensions eller definition_type og definition`);
  }
}

function checkRefs(object: Obj, where: string, ids: ReadonlySet<string>, errors: string[]): void {
  const ref = (property: string, value: unknown, expectType?: string) => {
    if (typeof value !== 'string') {
      errors.push(`${where}: ${property} må være en identifikator`);
      return;
    }
    if (expectType && !value.startsWith(`${expectType}--`)) errors.push(`${where}: ${property} må peke på en ${expectType}`);
    else if (!ids.has(value) && !(expectType === 'marking-definition' && KNOWN_MARKINGS.has(value))) {
      errors.push(`${where}: ${property} peker på ${value}, som ikke finnes i bundlen`);
    }
  };
  if (object.created_by_ref !== undefined) ref('created_by_ref', object.created_by_ref, 'identity');
  for (const property of ['object_marking_refs', 'object_refs'] as const) {
    const value = object[property];
    if (value === undefined) continue;
    if (!Array.isArray(value)) {
      errors.push(`${where}: ${property} må være en liste`);
      continue;
    }
    value.forEach((v, i) => ref(`${property}[${i}]`, v, property === 'object_marking_refs' ? 'marking-definition' : undefined));
  }
}

/**
 * Validates a bundle against the STIX 2.1 rules Mottak relies on: bundle shape, `type--UUIDv4`
 * ids (unique), spec_version 2.1, created/modified as RFC 3339 UTC with millisecond precision,
 * required properties per object type, the pattern syntax Mottak emits, and references that
 * resolve inside the bundle (or to a known TLP marking definition).
 */
export function validateStixBundle(bundle: unknown): StixValidation {
  const errors: string[] = [];
  if (typeof bundle !== 'object' || bundle === null || Array.isArray(bundle)) return { valid: false, errors: ['bundlen må være et JSON-objekt'] };
  const b = bundle as Obj;
  if (b.type !== 'bundle') errors.push('type må være "bundle"');
  if (typeof b.id !== 'string' || !b.id.startsWith('bundle--') || !UUID_V4.test(b.id.slice('bundle--'.length))) {
    errors.push('id må ha formen bundle--<UUIDv4>');
  }
  if (b.spec_version !== undefined) errors.push('en bundle i STIX 2.1 har ikke spec_version');
  if (!Array.isArray(b.objects)) {
    errors.push('objects må være en liste');
    return { valid: false, errors };
  }
  const objects = b.objects as unknown[];
  const ids = new Set<string>();
  objects.forEach((object, i) => {
    const id = (object as Obj | null)?.id;
    if (typeof id !== 'string') return;
    if (ids.has(id)) errors.push(`objects[${i}]: id ${id} finnes allerede i bundlen`);
    ids.add(id);
  });
  objects.forEach((object, i) => {
    const where = `objects[${i}]`;
    if (typeof object !== 'object' || object === null || Array.isArray(object)) errors.push(`${where}: må være et objekt`);
    else checkObject(object as Obj, `${where} (${String((object as Obj).id)})`, ids, errors);
  });
  return errors.length === 0 ? { valid: true } : { valid: false, errors };
}
