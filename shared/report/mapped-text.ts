/**
 * A string that remembers, for each of its characters, the offset in the original text it came
 * from — so every figure read from a normalised view can point back at the original line.
 */
export interface MappedText {
  text: string;
  /** map[i] = original offset of text[i]; map[text.length] = end of the mapped range. */
  map: Int32Array;
}

export class MappedBuilder {
  private readonly codes: number[] = [];
  private readonly offsets: number[] = [];

  push(code: number, origin: number): void {
    this.codes.push(code);
    this.offsets.push(origin);
  }

  get length(): number {
    return this.codes.length;
  }

  codeAt(i: number): number {
    return i >= 0 && i < this.codes.length ? (this.codes[i] as number) : -1;
  }

  pop(): void {
    this.codes.pop();
    this.offsets.pop();
  }

  build(endOrigin: number): MappedText {
    const map = new Int32Array(this.offsets.length + 1);
    map.set(this.offsets);
    map[this.offsets.length] = endOrigin;
    let text = '';
    const CHUNK = 8192;
    for (let i = 0; i < this.codes.length; i += CHUNK) {
      text += String.fromCharCode.apply(null, this.codes.slice(i, i + CHUNK));
    }
    return { text, map };
  }
}

/** The sub-range [start, end) of a mapped text, still mapped to the original. */
export function slice(mt: MappedText, start: number, end: number): MappedText {
  return { text: mt.text.slice(start, end), map: mt.map.subarray(start, end + 1) };
}

/** Original offsets of the normalised range [start, end). */
export function originRange(mt: MappedText, start: number, end: number): [number, number] {
  const s = mt.map[start] ?? 0;
  const last = end > start ? (mt.map[end - 1] ?? s) + 1 : s;
  return [s, Math.max(s, last)];
}

/** Start offset of each line of a text, for turning offsets into 1-based line numbers. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
