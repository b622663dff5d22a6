import { BadAnswerError, MessageRefusedError, NoAnswerError } from './message-errors';
import {
  messageFailureSchema,
  type Parser,
  type RequestDefs,
  type RequestIn,
  type RequestMap,
  type ResponseOf,
} from './protocol';

/**
 * Sends a request and resolves with its answer, validated against the request's response schema.
 * Rejects with NoAnswerError (nobody answered), MessageRefusedError (refused or failed there,
 * with the error), BadAnswerError (an answer the protocol does not allow), or the browser's own
 * error when nothing listens at all.
 */
export type Send<D extends RequestDefs> = <K extends keyof D>(
  request: RequestIn<D, K> & { type: K },
) => Promise<ResponseOf<D, K>>;

/** A typed client for one channel's requests, over a raw transport (a browser API, or a fake in tests). */
export function requestClient<D extends RequestDefs>(
  map: RequestMap<D>,
  transport: (request: RequestIn<D>) => Promise<unknown>,
): Send<D> {
  return async <K extends keyof D>(request: RequestIn<D, K> & { type: K }) => {
    const type: K = request.type;
    return readAnswer(type, map[type].response, await transport(request));
  };
}

function readAnswer<T>(type: PropertyKey, response: Parser<T>, raw: unknown): T {
  const parsed = response.safeParse(raw);
  if (parsed.success) return parsed.data;
  if (raw === undefined || raw === null) throw new NoAnswerError(`No answer to "${String(type)}".`);
  const failure = messageFailureSchema.safeParse(raw);
  if (failure.success) throw new MessageRefusedError(failure.data.error);
  throw new BadAnswerError(String(type));
}
