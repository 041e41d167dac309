import type { FastifyReply } from 'fastify';

/** The JSON of answers kept in the result cache, by the cached object: written once, not per request. */
const bodies = new WeakMap<object, Buffer>();

/**
 * Sends a cached answer as JSON serialised once by the route's response schema (a year's 数据质量 is
 * about 350 KB: serialising and encoding it took ~20 ms a request, more than the cached lookup itself). `answer`
 * shapes the body from the cached object when the route wraps it.
 */
export function sendCached<T extends object>(
  reply: FastifyReply,
  cachedValue: T,
  answer: (v: T) => object = (v) => v,
): FastifyReply {
  let body = bodies.get(cachedValue);
  if (body === undefined) {
    // as bytes: a string would be encoded to UTF-8 again at every answer
    body = Buffer.from(reply.serialize(answer(cachedValue)) as string);
    bodies.set(cachedValue, body);
  }
  return reply.type('application/json; charset=utf-8').send(body);
}
