// resource.Quantity as kube-scheduler reads it: an exact decimal, scaled and rounded up to an
// integer (MilliValue for CPU, Value for everything else). The simulator's own parser, so that
// its scheduling and kubedeck's accounting are independent readings of the same objects.

const BINARY_POWER: Record<string, bigint> = {Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n};
const DECIMAL_EXPONENT: Record<string, number> = {n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18};

// sign, digits with an optional fraction, then one suffix: a binary or decimal SI suffix, or an
// exponent. A lone "E" is exa; "E" followed by digits is an exponent, which the regex tries first.
const SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]))?$/;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** ceil(a / b) for b > 0, on integers of any sign. */
function ceilDiv(a: bigint, b: bigint): bigint {
	const q = a / b;
	return a % b > 0n ? q + 1n : q;
}

/**
 * The quantity times 10^scale, rounded up to an integer (Quantity.ScaledValue's rounding); undefined
 * when the text is not a quantity. scale 3 reads "250m" cpu as 250 and "1.5" as 1500.
 */
export function scaledQuantity(value: unknown, scale: number): number | undefined {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof text !== 'string') return undefined;
	const m = SYNTAX.exec(text.trim());
	if (!m) return undefined;
	const [, sign, whole = '', fraction = '', exponent, binary, decimal] = m;
	if (whole === '' && fraction === '') return undefined;
	let numerator = BigInt(whole + fraction || '0') * (sign === '-' ? -1n : 1n);
	if (binary) numerator <<= BINARY_POWER[binary]!;
	const power = scale - fraction.length + (exponent ? Number(exponent) : decimal ? DECIMAL_EXPONENT[decimal]! : 0);
	return Number(power >= 0 ? numerator * pow10(power) : ceilDiv(numerator, pow10(-power)));
}

/** The scheduler's unit per resource: millicores for cpu, whole units (bytes, devices) otherwise. */
export function schedulerAmount(resource: string, value: unknown): number {
	return scaledQuantity(value, resource === 'cpu' ? 3 : 0) ?? 0;
}
