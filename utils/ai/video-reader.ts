import * as z from 'zod/mini';
import { clipText } from '../core/clip-text';
import { MOMENT_TEXT_MAX, type VideoMoment } from '../core/video';
import { parseVideoTime } from '../core/video-time';
import { validated } from './note-reader';
import type { AnswerReader } from './structured-completion';

/** The answer format's name: requests show it as response_format.json_schema.name. */
export const VIDEO_OUTLINE_SCHEMA_NAME = 'footnote_video_outline';

const outlineAnswerSchema = z.object({
  moments: z.array(z.object({ at: z.string(), point: z.string() })),
});

/** JSON Schema for `response_format: json_schema` (strict: every object closed, every property required). */
export const videoOutlineJsonSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    moments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: {
            type: 'string',
            description: 'One of the given paragraph times, copied exactly, e.g. "12:34".',
          },
          point: { type: 'string', description: 'One neutral sentence: what is said or shown there.' },
        },
        required: ['at', 'point'],
        additionalProperties: false,
      },
    },
  },
  required: ['moments'],
  additionalProperties: false,
};

/**
 * Reads one part's outline. A moment keeps its time only when it is one of the paragraph times
 * the part gave (`times`, by label); others are dropped, as are empty points and a second
 * moment at the same time. An answer with moments none of which point to a given time calls
 * for the repair request. Nothing streams.
 */
export function videoOutlineReader(
  times: ReadonlyMap<string, number>,
  most: number,
): AnswerReader<VideoMoment[], null> {
  return {
    format: { name: VIDEO_OUTLINE_SCHEMA_NAME, schema: videoOutlineJsonSchema },
    partial: () => null,
    final: (json) => {
      const read = validated(outlineAnswerSchema, json);
      if (!read.ok) return read;
      const moments = keptMoments(read.value.moments, times).slice(0, most);
      if (moments.length === 0 && read.value.moments.length > 0) {
        return {
          ok: false,
          problem: 'moments: every "at" must be one of the ⟦m:ss⟧ times given, copied exactly',
        };
      }
      return { ok: true, value: moments };
    },
  };
}

function keptMoments(
  answered: Array<{ at: string; point: string }>,
  times: ReadonlyMap<string, number>,
): VideoMoment[] {
  const seen = new Set<number>();
  const moments: VideoMoment[] = [];
  for (const { at, point } of answered) {
    const seconds = times.get(at.trim()) ?? timeGiven(at, times);
    const text = clipText(point.replace(/\s+/g, ' ').trim(), MOMENT_TEXT_MAX);
    if (seconds === undefined || !text || seen.has(seconds)) continue;
    seen.add(seconds);
    moments.push({ at: seconds, text });
  }
  return moments.sort((a, b) => a.at - b.at);
}

/** "05:09" for the given "5:09": the same time written with a leading zero. */
function timeGiven(at: string, times: ReadonlyMap<string, number>): number | undefined {
  const seconds = parseVideoTime(at);
  if (seconds === null) return undefined;
  for (const given of times.values()) if (given === seconds) return given;
  return undefined;
}
