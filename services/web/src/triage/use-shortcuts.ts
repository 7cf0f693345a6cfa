import { useEffect, useRef } from 'react';

/** A handler that returns false leaves the key to the browser (e.g. arrows outside the queue). */
export type ShortcutHandlers = Partial<Record<string, (event: KeyboardEvent) => boolean | void>>;

/** True when a key press belongs to a form field (typing), not to the page. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Single-key shortcuts for a page (`j`, `k`, `Enter`, `1`…). They never fire while the user types
 * in a field (there Escape leaves the field, so the keys work again), with Ctrl/Alt/Meta held, or
 * while a dialog is open; Enter on a button or link keeps its own meaning.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (isTyping(event.target)) {
        if (event.key === 'Escape' && event.target instanceof HTMLElement) event.target.blur();
        return;
      }
      if (document.querySelector('dialog[open]')) return;
      if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.closest('button, a, [role="button"]')) return;
      const handler = current.current[event.key];
      if (!handler || handler(event) === false) return;
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
