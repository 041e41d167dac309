import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DatabaseBusyError, isDatabaseUnavailable, isDiskFull } from '../db/write';

/** An expected failure of a request: its status and the Chinese message the office sees. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly zh: string,
  ) {
    super(zh);
  }
}

const GENERIC: Record<number, [string, string]> = {
  400: ['bad_request', '请求格式不正确'],
  401: ['unauthenticated', '请先登录'],
  403: ['forbidden', '没有执行此操作的权限'],
  404: ['not_found', '未找到请求的内容'],
  405: ['method_not_allowed', '不支持的请求方法'],
  406: ['not_acceptable', '无法提供所要求的格式'],
  408: ['timeout', '请求超时'],
  413: ['too_large', '上传的文件或请求体过大'],
  415: ['unsupported_media_type', '不支持的请求内容类型'],
  429: ['too_many_requests', '请求过于频繁，请稍后再试'],
  431: ['headers_too_large', '请求头过大'],
};

function validationMessage(err: FastifyError): string {
  const first = err.validation?.[0];
  const where =
    err.validationContext === 'querystring' ? '查询参数' : err.validationContext === 'params' ? '路径参数' : '请求内容';
  const field =
    first?.instancePath?.replace(/^\//, '') || (first?.params as { missingProperty?: string } | undefined)?.missingProperty || '';
  return `${where}${field ? `“${field}”` : ''}不正确${first?.message ? `（${first.message}）` : ''}`;
}

export const DISK_FULL_ZH = '服务器磁盘空间不足，本次操作没有保存（没有写入任何内容）。请联系管理员清理磁盘后重试';

/** One error handler: a clear 4xx message for every bad request; a 5xx never shows its details. */
export default fp(async (app: FastifyInstance, opts: { maxUploadMb: number }) => {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof HttpError) {
      return reply.status(err.statusCode).send({ error: err.code, message: err.zh });
    }
    if (err.validation) {
      return reply.status(400).send({ error: 'bad_request', message: validationMessage(err) });
    }
    if ((err as unknown) instanceof DatabaseBusyError) {
      req.log.warn({ err }, 'database busy');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ error: 'busy', message: '数据库正被另一项导入占用，请稍后重试；本次没有写入任何内容' });
    }
    if (isDatabaseUnavailable(err)) {
      req.log.error({ err }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '10')
        .send({ error: 'database_unavailable', message: '暂时无法连接数据库，请稍后重试；本次操作没有保存任何内容' });
    }
    if (isDiskFull(err)) {
      // the write's transaction was rolled back: nothing of this request was kept
      req.log.error({ err }, 'disk full');
      return reply.status(507).send({ error: 'disk_full', message: DISK_FULL_ZH });
    }
    const status = err.statusCode ?? 500;
    if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT') {
      const message =
        err.code === 'FST_REQ_FILE_TOO_LARGE'
          ? `上传的文件超过大小上限（每个文件最多 ${opts.maxUploadMb} MB）`
          : '一次上传的文件数量超过上限，请分批上传';
      return reply.status(413).send({ error: 'too_large', message });
    }
    if (status >= 400 && status < 500) {
      const [code, zh] = GENERIC[status] ?? ['bad_request', '请求不正确'];
      req.log.info({ code: err.code, status }, err.message);
      return reply.status(status).send({ error: code, message: zh });
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: 'internal', message: '服务器内部错误，请稍后重试' });
  });
});
