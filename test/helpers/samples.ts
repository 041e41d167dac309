import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export const SAMPLE_FILES = {
  xinshan: '000_5a7ea496aafc5095.txt',
  caochang: '001_b1c904b99551c3b9.txt',
  binggu: '002_4b54b01332ed13f8.txt',
  xiaopu: '003_25d7e7ed77fd949c.txt',
  puwei: '004_c601c8efb108a009.txt',
} as const;

export type SampleName = keyof typeof SAMPLE_FILES;

export function sampleText(name: SampleName): string {
  return readFileSync(join(ROOT, 'samples', SAMPLE_FILES[name]), 'utf8');
}

export function fixtureText(name: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'text', name), 'utf8');
}

export function fixtureExpected<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'text', name.replace(/\.(txt|md)$/, '.expected.json')), 'utf8'));
}
