// Ages exactly as kubectl prints them in the AGE column: translateTimestampSince → duration.HumanDuration
// from k8s.io/apimachinery/pkg/util/duration. Precision drops as durations grow (2-3 significant figures).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Formats a duration in milliseconds the way HumanDuration formats a Go time.Duration. */
export function humanDuration(ms: number): string {
	// Go's int() truncates toward zero; up to 1.999s of clock skew reads as "0s", more as "<invalid>".
	const seconds = Math.trunc(ms / SECOND);
	if (seconds < -1) return '<invalid>';
	if (seconds < 0) return '0s';
	if (seconds < 120) return `${seconds}s`;
	const minutes = Math.trunc(ms / MINUTE);
	if (minutes < 10) {
		const s = seconds % 60;
		return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
	}
	if (minutes < 180) return `${minutes}m`;
	const hours = Math.trunc(ms / HOUR);
	if (hours < 8) {
		const m = minutes % 60;
		return m === 0 ? `${hours}h` : `${hours}h${m}m`;
	}
	if (hours < 48) return `${hours}h`;
	const days = Math.trunc(hours / 24);
	if (hours < 24 * 8) {
		const h = hours % 24;
		return h === 0 ? `${days}d` : `${days}d${h}h`;
	}
	if (hours < 24 * 365 * 2) return `${days}d`;
	const years = Math.trunc(days / 365);
	if (hours < 24 * 365 * 8) {
		const d = days % 365;
		return d === 0 ? `${years}y` : `${years}y${d}d`;
	}
	return `${years}y`;
}

/** kubectl's AGE cell: '<unknown>' when there is no timestamp, else HumanDuration(now - from). */
export function formatAge(fromMs: number | undefined, nowMs: number): string {
	if (fromMs === undefined || !Number.isFinite(fromMs)) return '<unknown>';
	return humanDuration(nowMs - fromMs);
}

/** RFC 3339 timestamp from the API → epoch ms; undefined when absent or unparseable. */
export function parseTime(timestamp: unknown): number | undefined {
	if (typeof timestamp !== 'string' || timestamp === '') return undefined;
	const ms = Date.parse(timestamp);
	return Number.isNaN(ms) ? undefined : ms;
}
