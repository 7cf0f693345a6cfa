/**
 * Characters XML 1.0 cannot carry at all (C0 controls other than tab/newline/CR, lone surrogates,
 * U+FFFE/U+FFFF): not even as character references. They are replaced by U+FFFD so that the
 * document stays well-formed and the reader sees that something was there.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A literal CR would be normalised to LF by every XML parser; the reference keeps it.
  '\r': '&#13;',
};

/** Escapes text for XML element content and attribute values alike. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"'\r]/g, (c) => ENTITIES[c] ?? c);
}

/** `<name>escaped text</name>`, or nothing when the value is absent. */
export function xmlElement(name: string, value: string | number | undefined | null, indent = ''): string {
  if (value === undefined || value === null) return '';
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}
