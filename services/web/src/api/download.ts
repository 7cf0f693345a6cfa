import { ApiError, authorizationHeader, reportUnauthenticated } from './client';

/**
 * Fetches a file from the API with the session's bearer token (a plain link cannot carry it) and
 * hands it to the browser as a download under `filename`. Problems become ApiErrors like `api`'s.
 */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const authorization = authorizationHeader();
  let response: Response;
  try {
    response = await fetch(path, { headers: authorization ? { Authorization: authorization } : {}, credentials: 'omit' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Får ikke kontakt med Mottak. Sjekk nettverket og prøv igjen.');
  }
  if (!response.ok) {
    if (response.status === 401) reportUnauthenticated();
    const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
    throw new ApiError(response.status, problem.code ?? 'ERROR', problem.detail ?? `Nedlastingen feilet (${response.status})`);
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has started the download; the object URL can go once the event loop has moved on.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** Sends a file's bytes to the API as they are (an .eml as message/rfc822) and returns the JSON answer. */
export async function uploadFile<T>(path: string, file: Blob, contentType: string): Promise<T> {
  const authorization = authorizationHeader();
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Accept: 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
      body: file,
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Får ikke kontakt med Mottak. Sjekk nettverket og prøv igjen.');
  }
  const body = (await response.json().catch(() => ({}))) as { code?: string; detail?: string; errors?: Array<{ field: string; message: string }> };
  if (!response.ok) {
    if (response.status === 401) reportUnauthenticated();
    throw new ApiError(response.status, body.code ?? 'ERROR', body.detail ?? `Opplastingen feilet (${response.status})`, body.errors ?? []);
  }
  return body as T;
}
