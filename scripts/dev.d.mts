// Types for dev.mjs (a plain Node script), for its unit test.
export declare function noDisplayMessage(
  args: string[],
  env: Record<string, string | undefined>,
  platform: string,
): string | null;
