// Types for browser-preflight.mjs (a plain Node script), for its unit test.
export declare const DEFAULT_CHROMIUM: string;
export declare const DEBIAN_PACKAGES: string[];
export declare const PT_BR_PAK: string;

export interface PreflightFacts {
  chromiumPath: string;
  fromEnv: boolean;
  hasChromium: boolean;
  /** null: a build whose language resources are laid out in a way the script does not know. */
  hasPtBr: boolean | null;
  osId: string | undefined;
  isRoot: boolean;
}

export type PreflightDecision =
  { action: 'ok' } | { action: 'install'; commands: string[][] } | { action: 'stop'; message: string };

export declare function parseOsId(osRelease: string | undefined): string | undefined;
export declare function decide(facts: PreflightFacts): PreflightDecision;
