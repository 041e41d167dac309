import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client';
import { cleanFileName, INVISIBLE } from '../../ingest/file-names';
import { HttpError } from '../../plugins/errors';
import { countyListed } from '../../queries/meta/known';

export interface Upload {
  files: { name: string; bytes: Buffer }[];
  /** The county for reports that do not name one (form field `county`), one from the county list. */
  county: string | null;
}

export interface UploadLimits {
  maxUploadBytes: number;
  maxUploadFiles: number;
  maxUploadsPerUser: number;
  /** One request in all: its files together, and what its archives unpack to. */
  maxRequestBytes: number;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** The 413 of a request over its total: said before its body is read when it says its length. */
export function requestTooLarge(limits: UploadLimits): HttpError {
  return new HttpError(
    413,
    'too_large',
    `本次上传的文件合计超过 ${mb(limits.maxRequestBytes)} 上限（每个文件最多 ${mb(limits.maxUploadBytes)}），请分批上传`,
  );
}

/** Uploads in flight, by user: a user may send only so many at once (slow uploads hold server memory). */
const inFlight = new Map<string, number>();

/**
 * Runs `read` holding one of the user's upload slots; a user who already has `max` uploads in
 * flight is refused at once (429) instead of queueing more slow bodies.
 */
export async function withUploadSlot<T>(user: string, max: number, read: () => Promise<T>): Promise<T> {
  const n = inFlight.get(user) ?? 0;
  if (n >= max) throw new HttpError(429, 'too_many_uploads', `同时进行的上传过多（每人最多 ${max} 个），请等当前上传完成后再试`);
  inFlight.set(user, n + 1);
  try {
    return await read();
  } finally {
    const left = (inFlight.get(user) ?? 1) - 1;
    if (left > 0) inFlight.set(user, left);
    else inFlight.delete(user);
  }
}

/** The files (field `files`) and the county of a multipart upload, each file within the size limit. */
export async function readUpload(req: FastifyRequest, db: Db, limits: UploadLimits): Promise<Upload> {
  if (!req.isMultipart()) throw new HttpError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传文件');
  // a request that says it is too large is refused before a byte of it is read
  if (Number(req.headers['content-length'] ?? 0) > limits.maxRequestBytes + 64 * 1024) throw requestTooLarge(limits);
  const files: Upload['files'] = [];
  let county: string | null = null;
  let total = 0;
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
      total += bytes.length;
      if (total > limits.maxRequestBytes) throw requestTooLarge(limits);
      files.push({ name: cleanFileName(part.filename), bytes });
    } else if (part.fieldname === 'county' && typeof part.value === 'string' && part.value.trim()) {
      county = part.value.replace(INVISIBLE, '').trim().slice(0, 40);
    }
  }
  if (files.length === 0) throw new HttpError(400, 'bad_request', '没有收到文件');
  if (county !== null && !(await countyListed(db, county))) {
    throw new HttpError(400, 'unknown_county', `“${county}”不在县名单中；县名单由管理员维护，请先请管理员添加`);
  }
  return { files, county };
}
