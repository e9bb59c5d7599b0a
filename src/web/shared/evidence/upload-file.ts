/**
 * One evidence upload by XMLHttpRequest, because fetch cannot report upload progress.
 * Same headers as every other call (CSRF token, language); a refusal becomes ApiError
 * with the server's message, which names why (too large, type refused, …).
 */
import type { Evidence, EvidenceTargetKind } from "../../../contract/api";
import {
  ApiError,
  type ApiErrorBody,
  notifySessionExpired,
  requestHeaders,
} from "../../api/client";

export interface UploadRequest {
  year: number;
  kind: EvidenceTargetKind;
  code: string;
  file: File;
  onProgress: (percent: number) => void;
}

export interface RunningUpload {
  done: Promise<Evidence>;
  abort: () => void;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function uploadEvidenceFile(request: UploadRequest): RunningUpload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Evidence>((resolve, reject) => {
    const form = new FormData();
    // The server reads the fields before the file; send them first.
    form.append("targetKind", request.kind);
    form.append("targetCode", request.code);
    form.append("file", request.file, request.file.name);
    xhr.open("POST", `/api/cycles/${request.year}/evidence`);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(requestHeaders("POST", false))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable)
        request.onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      const body = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as Evidence);
        return;
      }
      const error = body as ApiErrorBody | null;
      if (xhr.status === 401) {
        // The session ended during the upload: sign in again in the dialog over the page.
        notifySessionExpired();
      }
      reject(
        new ApiError(
          xhr.status,
          error?.error ?? `http_${xhr.status}`,
          error?.message ?? `${xhr.status} ${xhr.statusText}`,
          error,
        ),
      );
    };
    xhr.onerror = () =>
      reject(new ApiError(0, "network", "无法连接服务器，请检查网络后重试", null));
    xhr.onabort = () => reject(new DOMException("aborted", "AbortError"));
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
