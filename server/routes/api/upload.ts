import { basename } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { HttpError } from '../../plugins/errors';

/** A file name as the browser sent it, stripped of any path and control characters. */
export function cleanFileName(name: string | undefined): string {
  const printable = [...(name ?? '')].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f).join('');
  const base = basename(printable.replace(/\\/g, '/')).trim();
  return base.slice(0, 200) || 'upload';
}

export interface Upload {
  files: { name: string; bytes: Buffer }[];
  /** The county for reports that do not name one (form field `county`). */
  county: string | null;
}

/** The files (field `files`) and the county of a multipart upload, each file within the size limit. */
export async function readUpload(
  req: FastifyRequest,
  limits: { maxUploadBytes: number; maxUploadFiles: number },
): Promise<Upload> {
  if (!req.isMultipart()) throw new HttpError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传文件');
  const files: Upload['files'] = [];
  let county: string | null = null;
  for await (const part of req.parts({
    limits: { fileSize: limits.maxUploadBytes, files: limits.maxUploadFiles, fields: 10, fieldSize: 1000 },
  })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.file.truncated)
        throw new HttpError(
          413,
          'too_large',
          `文件“${cleanFileName(part.filename)}”超过 ${limits.maxUploadBytes / 1024 / 1024} MB 上限`,
        );
      files.push({ name: cleanFileName(part.filename), bytes });
    } else if (part.fieldname === 'county' && typeof part.value === 'string' && part.value.trim()) {
      county = part.value.trim().slice(0, 40);
    }
  }
  if (files.length === 0) throw new HttpError(400, 'bad_request', '没有收到文件');
  return { files, county };
}
