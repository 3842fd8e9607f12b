// Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity) as plain numbers
// in base units: cores for cpu, bytes for memory/storage, plain counts for everything else.
// Doubles are precise enough for display and accounting; we never write quantities back.

const BINARY: Record<string, number> = {
	Ki: 2 ** 10,
	Mi: 2 ** 20,
	Gi: 2 ** 30,
	Ti: 2 ** 40,
	Pi: 2 ** 50,
	Ei: 2 ** 60,
};

const DECIMAL: Record<string, number> = {
	n: 1e-9,
	u: 1e-6,
	m: 1e-3,
	'': 1,
	k: 1e3,
	M: 1e6,
	G: 1e9,
	T: 1e12,
	P: 1e15,
	E: 1e18,
};

// sign, digits with an optional fraction, then one suffix: binary, decimal SI, or a decimal exponent.
// 'E' alone is exa; 'e'/'E' followed by a (signed) integer is an exponent, which the regex tries first.
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/** Parses a quantity; undefined when the text is not a valid Kubernetes quantity. */
export function tryParseQuantity(q: string | number | undefined | null): number | undefined {
	if (q === undefined || q === null) return undefined;
	if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
	const match = QUANTITY.exec(q.trim());
	if (!match) return undefined;
	const [, sign, digits, exponent, suffix] = match;
	let value = Number(digits);
	if (exponent) value *= 10 ** Number(exponent.slice(1));
	else if (suffix) value *= BINARY[suffix] ?? DECIMAL[suffix] ?? 1;
	return sign === '-' ? -value : value;
}

/**
 * Parses a quantity into base units. Missing or malformed values count as 0 so that one bad
 * field cannot poison a sum across thousands of pods (the API server rejects malformed ones anyway).
 */
export function parseQuantity(q: string | number | undefined): number {
	return tryParseQuantity(q) ?? 0;
}

function trimFixed(value: number, digits: number): string {
	const text = value.toFixed(digits);
	return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** CPU in the form kubectl users read: whole cores as '2', everything else in millicores ('250m', '1500m'). */
export function formatCpu(cores: number): string {
	if (!Number.isFinite(cores)) return '';
	if (cores === 0) return '0';
	const milli = Math.round(cores * 1000);
	if (milli === 0) return cores > 0 ? '1m' : '-1m';
	if (milli % 1000 === 0) return String(milli / 1000);
	return `${milli}m`;
}

const BYTE_UNITS = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;

/** Bytes in short binary units: '512Mi', '1.5Gi', '16Gi'; below 1Ki plain bytes. At most 3 significant-ish digits. */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes)) return '';
	const negative = bytes < 0;
	let value = Math.abs(bytes);
	if (value < 1024) return (negative ? '-' : '') + trimFixed(value, 0);
	let unit = -1;
	while (unit < BYTE_UNITS.length - 1 && value >= 1024) {
		value /= 1024;
		unit++;
	}
	// 1023.96Mi would print as 1024Mi; step up instead so the unit is always the largest that fits.
	if (value >= 1023.95 && unit < BYTE_UNITS.length - 1) {
		value /= 1024;
		unit++;
	}
	const text = value >= 100 ? trimFixed(value, 0) : trimFixed(value, 1);
	return (negative ? '-' : '') + text + BYTE_UNITS[unit];
}

/** Counts (GPUs, pods): integers as-is, fractions with up to two decimals. */
export function formatCount(count: number): string {
	if (!Number.isFinite(count)) return '';
	return Number.isInteger(count) ? String(count) : trimFixed(count, 2);
}
