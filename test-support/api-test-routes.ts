/**
 * Test routes for the evidence APIs' tests (Fact Check Tools, Wikipedia, web search): recorded
 * answers from utils/evidence/fixtures, errors and silence, served by test-http-server.
 */
import { readFileSync } from 'node:fs';
import type { EvidenceQuery } from '../utils/core/evidence';
import type { TestRouteHandler } from './test-http-server';

/** A recorded answer in utils/evidence/fixtures, as text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../utils/evidence/fixtures/${name}`, import.meta.url), 'utf8');
}

/** Answers `body` as JSON with `status`. */
export function answerJson(body: string, status = 200): TestRouteHandler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(body);
  };
}

/** Never answers: the client's deadline has to end it. */
export const neverAnswer: TestRouteHandler = () => undefined;

/** A post as the sources are asked about it. */
export function postQuery(
  text: string,
  postLanguage: string | null = 'pt-BR',
  answerLanguage = 'pt-BR',
): EvidenceQuery {
  return { text, links: [], postLanguage, answerLanguage };
}
