// Go's time.Duration.String(), which the kubelet's messages print durations with:
// `10s`, `1m20s`, `5m0s`, `1.234s`, `850ms`.

export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const rest = ms % 60_000;
  const s = rest % 1000 === 0 ? String(rest / 1000) : (rest / 1000).toFixed(3).replace(/0+$/, '');
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
