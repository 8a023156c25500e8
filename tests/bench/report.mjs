// Owns how the benchmark prints: section headings, aligned tables, number/byte formatting, and
// the final summary table over every suite's figures. Results go to stdout; progress notes go to
// stderr so `bash .ci/bench > out.txt` keeps only the figures.

export const KB = 1000; // budgets are in kB = 1000 bytes (stricter than KiB)

export function fmtBytes(n) {
  if (!Number.isFinite(n)) return "n/a";
  if (n < 10 * KB) return `${n} B`;
  if (n >= 1000 * KB) return `${(n / (1000 * KB)).toFixed(2)} MB`;
  return `${(n / KB).toFixed(1)} kB`;
}

export function fmtMs(n) {
  if (!Number.isFinite(n)) return "n/a";
  return n >= 10_000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`;
}

export function fmtNum(n, digits = 0) {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}

/** Formats a value of a figure by its unit. */
export function fmtValue(value, unit) {
  if (unit === "ms") return fmtMs(value);
  if (unit === "B") return fmtBytes(value);
  if (unit === "x") return `${fmtNum(value, 2)}x`;
  return fmtNum(value, value < 10 ? 2 : 0) + (unit && unit !== "index" ? ` ${unit}` : "");
}

export function heading(title) {
  console.log(`\n== ${title} ${"=".repeat(Math.max(0, 92 - title.length))}`);
}

export function line(text = "") {
  console.log(text);
}

/** Progress chatter for humans watching a long run (stderr). */
export function progress(text) {
  process.stderr.write(`  · ${text}\n`);
}

/** Prints rows (arrays of cells) as a table; `align` is a string of "l"/"r" per column. */
export function table(header, rows, align = "") {
  const all = [header, ...rows].map((r) => r.map((c) => String(c ?? "")));
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  const cell = (text, i) => {
    const pad = " ".repeat(widths[i] - [...text].length);
    return align[i] === "r" ? pad + text : text + pad;
  };
  const out = all.map((r) => r.map(cell).join("  ").trimEnd());
  out.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  console.log(out.join("\n"));
}

/** Goal text such as "≤ 3000 ms (hard 5000 ms)". */
export function fmtGoal(goal, unit) {
  if (!goal) return "";
  const t = goal.target !== undefined ? `≤ ${fmtValue(goal.target, unit)}` : "";
  const l = goal.limit !== undefined ? `hard ${fmtValue(goal.limit, unit)}` : "";
  return t && l ? `${t} (${l})` : t || l;
}

/** The closing table over all figures of the run. */
export function summaryTable(figures) {
  const rows = figures.map((f) => [
    f.label,
    fmtValue(f.median, f.unit),
    f.n ? `${fmtValue(f.min, f.unit)} – ${fmtValue(f.max, f.unit)}` : "",
    f.n ?? "",
    fmtGoal(f.goal, f.unit),
    f.status ?? "",
    f.ratio ? `${fmtNum(f.ratio.value, 2)} × ${f.ratio.to}` : "",
  ]);
  table(["figure", "median", "min – max", "n", "goal", "status", "ratio to baseline"], rows, "lrrrlll");
}
