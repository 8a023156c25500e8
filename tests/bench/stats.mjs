// Owns sampling and summary statistics for the benchmark: warm-up handling, median, min–max,
// and the "figure" record every suite reports (so the table printer and latest.json agree).

/** Median of a list of numbers (mean of the two middle values for an even count). */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** { median, min, max, n, samples } of a list of numbers. */
export function summarize(samples) {
  return {
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
    n: samples.length,
    samples,
  };
}

/**
 * Runs `fn(i)` `warmups` times (results discarded) and then `count` times, and summarises the
 * numbers it returns. `fn` may also return an object; `pick` then selects the number, and the
 * full objects stay available as `details`.
 */
export async function sample({ count, warmups = 1, fn, pick = (x) => x, onSample }) {
  for (let i = 0; i < warmups; i++) await fn({ index: i, warmup: true });
  const details = [];
  for (let i = 0; i < count; i++) {
    const result = await fn({ index: i, warmup: false });
    details.push(result);
    onSample?.(i, result);
  }
  return { ...summarize(details.map(pick)), details };
}

/**
 * A printed and saved figure. `goal` = { target, limit } (lower is better) turns into a status
 * label; `ratioTo` names the id of an in-run baseline figure, and run.mjs fills in
 * `ratio` = { to, value } (this figure's median / the baseline's median) once all suites ran.
 */
export function figure({ suite, id, label, unit, stats, value, goal, ratioTo, note }) {
  const f = { suite, id, label, unit };
  if (stats) Object.assign(f, { median: stats.median, min: stats.min, max: stats.max, n: stats.n, samples: stats.samples });
  else f.median = value;
  if (goal) {
    f.goal = goal;
    f.status = goalStatus(f.median, goal);
  }
  if (ratioTo) f.ratioTo = ratioTo;
  if (note) f.note = note;
  return f;
}

/** "OK" within target, "OVER TARGET" between target and hard limit, "OVER LIMIT" beyond. */
export function goalStatus(value, { target, limit }) {
  if (!Number.isFinite(value)) return "n/a";
  if (limit !== undefined && value > limit) return "OVER LIMIT";
  if (target !== undefined && value > target) return "OVER TARGET";
  return "OK";
}
