import { api, unwrap } from './client';
import { ApiError, toProblem } from './problem';
import type { EvidenceView, LinkInput, Stance } from './types';

export function listEvidence(claimId: number): Promise<{ items: EvidenceView[] }> {
  return unwrap<{ items: EvidenceView[] }>(
    api.GET('/api/v1/claims/{id}/evidence', { params: { path: { id: claimId } } }),
  );
}

export function addLink(claimId: number, link: LinkInput): Promise<EvidenceView> {
  return unwrap<EvidenceView>(
    api.POST('/api/v1/claims/{id}/evidence', { params: { path: { id: claimId } }, body: link as never }),
  );
}

export function retractEvidence(id: number, reason: string): Promise<EvidenceView> {
  return unwrap<EvidenceView>(
    api.POST('/api/v1/evidence/{id}/retraction', { params: { path: { id } }, body: { reason } }),
  );
}

/** URL of the stored bytes (served as an attachment). */
export function evidenceContentUrl(id: number): string {
  return `/api/v1/evidence/${encodeURIComponent(String(id))}/content`;
}

export interface UploadHandle {
  promise: Promise<EvidenceView>;
  abort: () => void;
}

/**
 * Uploads a file as multipart/form-data. XMLHttpRequest is used (not fetch) because only it reports
 * upload progress; onProgress gets a fraction in 0..1. Errors (413, 415, ...) reject with ApiError.
 */
export function uploadEvidence(
  claimId: number,
  file: File,
  meta: { stance: Stance; note?: string },
  onProgress?: (fraction: number) => void,
  xhrFactory: () => XMLHttpRequest = () => new XMLHttpRequest(),
): UploadHandle {
  const xhr = xhrFactory();
  const promise = new Promise<EvidenceView>((resolve, reject) => {
    const form = new FormData();
    form.append('stance', meta.stance);
    if (meta.note) form.append('note', meta.note);
    form.append('file', file, file.name);
    xhr.open('POST', `/api/v1/claims/${encodeURIComponent(String(claimId))}/evidence/files`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e: ProgressEvent) => {
      if (e.lengthComputable && onProgress) onProgress(e.total ? e.loaded / e.total : 0);
    };
    xhr.onload = () => {
      const body = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(body as EvidenceView);
      } else {
        reject(new ApiError(toProblem(xhr.status, body, xhr.statusText)));
      }
    };
    xhr.onerror = () =>
      reject(new ApiError({ title: 'Upload failed', status: 0, detail: 'The connection was interrupted.' }));
    xhr.onabort = () => reject(new ApiError({ title: 'Upload cancelled', status: 0 }));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
