// Types for release-archives.mjs (a plain Node module), for the tests that read the archives.
export declare function releaseArchives(root: string): {
  version: string;
  chrome: string;
  firefox: string;
  sources: string;
};
export declare function readZip(file: string): Map<string, Buffer>;
