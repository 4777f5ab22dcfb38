// A one-line progress bar on a terminal (stderr), redrawn at most ten times a second; nothing at
// all when the stream is not a TTY (a pipe, a file, a CI log), so redirected output stays clean.

const REDRAW_MS = 100;

/**
 * @param {{ stream?: NodeJS.WriteStream, label: string, total?: number, format?: (n: number) => string,
 *   now?: () => number }} options  `total` unknown (undefined or 0): a counter without a bar
 */
export function createProgress({ stream = process.stderr, label, total, format = count, now = Date.now }) {
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = now();
  let lastDraw = -Infinity;
  let shown = false;
  const draw = (value, suffix) => {
    const seconds = ((now() - started) / 1000).toFixed(1);
    const tail = `${suffix ? ` ${suffix}` : ""} ${seconds}s`;
    let line;
    if (total > 0) {
      const fraction = Math.min(1, value / total);
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 40));
      const filled = Math.round(fraction * width);
      const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
      const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
      line = `${label} [${bar}] ${percent} ${format(value)}/${format(total)}${tail}`;
    } else {
      line = `${label} ${format(value)}${tail}`;
    }
    stream.write(`\r${line}\x1b[K`);
    shown = true;
  };
  return {
    /** `value` so far (of `total`); `suffix`: more to show after it ("1,200 items"). */
    update(value, suffix) {
      const t = now();
      if (t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      draw(value, suffix);
    },
    /** Draws the final state and ends the line. */
    done(value, suffix) {
      if (value !== undefined) draw(value, suffix);
      if (shown) stream.write("\n");
    },
  };
}

/** 1234567 -> "1,234,567". */
export function count(n) {
  return Math.round(n).toLocaleString("en-US");
}

/** Bytes for people: "512 B", "1.5 KB", "23.4 MB". */
export function bytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
