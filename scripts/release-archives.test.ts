import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readZip, releaseArchives } from './release-archives.mjs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'footnote-archives-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Entry {
  name: string;
  content: string;
  /** 0 stored, 8 deflated (what JSZip writes), anything else unsupported. */
  method: number;
}

/** A ZIP archive as JSZip lays one out: local entries, the central directory, its end record. */
function writeZip(entries: Entry[]): string {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, content, method } of entries) {
    const data = Buffer.from(content);
    const body = method === 8 ? deflateRawSync(data) : data;
    const path = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(path.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(path.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, path, body);
    central.push(header, path);
    offset += local.length + path.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const file = join(dir, 'archive.zip');
  writeFileSync(file, Buffer.concat([...parts, directory, end]));
  return file;
}

describe('readZip', () => {
  it('reads stored and deflated files by path, in archive order, without the folders', () => {
    const files = readZip(
      writeZip([
        { name: 'manifest.json', content: '{"version":"0.2.0"}', method: 0 },
        { name: 'icon/', content: '', method: 0 },
        { name: 'icon/16.png', content: 'png '.repeat(100), method: 8 },
      ]),
    );
    expect([...files.keys()]).toEqual(['manifest.json', 'icon/16.png']);
    expect(files.get('manifest.json')!.toString()).toBe('{"version":"0.2.0"}');
    expect(files.get('icon/16.png')!.toString()).toBe('png '.repeat(100));
  });

  it('refuses what is not a ZIP, and compression it cannot read', () => {
    const notZip = join(dir, 'not.zip');
    writeFileSync(notZip, 'plain text');
    expect(() => readZip(notZip)).toThrow('not a ZIP archive');
    expect(() => readZip(writeZip([{ name: 'a.js', content: 'x', method: 12 }]))).toThrow(
      'a.js uses compression method 12',
    );
  });
});

describe('releaseArchives', () => {
  it('names the three archives of the package.json version in .output, as WXT does', () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'footnote', version: '1.2.3' }));
    expect(releaseArchives(dir)).toEqual({
      version: '1.2.3',
      chrome: join(dir, '.output', 'footnote-1.2.3-chrome.zip'),
      firefox: join(dir, '.output', 'footnote-1.2.3-firefox.zip'),
      sources: join(dir, '.output', 'footnote-1.2.3-sources.zip'),
    });
  });
});
