/**
 * Turns a stream of text chunks into whole lines. A line longer than `maxLineLength` is cut
 * there, so one runaway write cannot grow the buffer without bound.
 */
export class LineSplitter {
  #pending = '';

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineLength = 8_192,
  ) {}

  push(chunk: string): void {
    let text = this.#pending + chunk;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      this.#emit(text.slice(0, newline));
      text = text.slice(newline + 1);
      newline = text.indexOf('\n');
    }
    while (text.length > this.maxLineLength) {
      this.#emit(text.slice(0, this.maxLineLength));
      text = text.slice(this.maxLineLength);
    }
    this.#pending = text;
  }

  /** Emits what is left without a trailing newline (the stream ended). */
  flush(): void {
    if (this.#pending !== '') this.#emit(this.#pending);
    this.#pending = '';
  }

  #emit(line: string): void {
    this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
