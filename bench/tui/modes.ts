// The interactive measurements of bench:tui beyond cursor moves, each driving a loaded table the
// same way in kubedeck and k9s and reading the answer off the emulated screen:
//   filter: Esc (clear), then `/app-00N` typed a key at a time (a burst of keys in one write reads
//     as a paste), timed from its last character, Enter following 30 ms later (k9s filters while
//     typing, and so does kubedeck since its prompt narrows with each key; before that, kubedeck
//     filtered on Enter and carried those 30 ms) → only matching rows on screen;
//     the clear (Esc) back to every row is timed too;
//   sort: shift-a / shift-n (age, name) alternately → the screen changed;
//   a window of no keys: bytes per second, CPU %, RSS at its end (idle, or under churn).
import {performance} from 'node:perf_hooks';
import type {PtyScreen} from './ptyScreen.js';

// The Deployment part of a pod name: a narrow NAME column cuts the rest (kubedeck ends it with …).
const POD_ROW = /app-\d{4}/g;

export const pct = (xs: readonly number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]! : NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pod names on screen. */
function podNames(screen: PtyScreen): string[] {
	return screen.text().match(POD_ROW) ?? [];
}

export interface FilterFigures {
	filterP50Ms: number;
	filterP95Ms: number;
	clearP50Ms: number;
	clearP95Ms: number;
}

/** `rounds` filters and as many clears; each waits for its answer on screen. `unfiltered`: every pod is listed. */
export async function measureFilter(screen: PtyScreen, rounds: number, unfiltered: (screen: PtyScreen) => boolean): Promise<FilterFigures> {
	const filters: number[] = [];
	const clears: number[] = [];
	for (let i = 0; i < rounds; i++) {
		const text = `app-00${1 + (i % 9)}`;
		// Clear: back to a table with rows of other Deployments on it.
		let sent = performance.now();
		screen.write('\x1b');
		const cleared = await screen.waitFor('the filter cleared', unfiltered, 30_000);
		if (i > 0) clears.push(cleared - sent);
		await screen.quiet(300, 5_000);
		// All but the last character, then the last with Enter: the keystroke that completes the filter.
		for (const key of `/${text.slice(0, -1)}`) {
			screen.write(key);
			await sleep(60);
		}
		await screen.quiet(300, 5_000);
		sent = performance.now();
		screen.write(text.slice(-1));
		await sleep(30);
		screen.write('\r');
		const filtered = await screen.waitFor(`only ${text} rows`, (s) => {
			const names = podNames(s);
			return names.length > 0 && names.every((name) => name.startsWith(text));
		}, 30_000);
		filters.push(filtered - sent);
		await screen.quiet(300, 5_000);
	}
	screen.write('\x1b');
	await screen.quiet(300, 5_000);
	return {
		filterP50Ms: Number(pct(filters, 50).toFixed(1)),
		filterP95Ms: Number(pct(filters, 95).toFixed(1)),
		clearP50Ms: Number(pct(clears, 50).toFixed(1)),
		clearP95Ms: Number(pct(clears, 95).toFixed(1)),
	};
}

/** Sort by age, then by name, alternately: key → the screen changed. */
export async function measureSort(screen: PtyScreen, rounds: number): Promise<{sortP50Ms: number; sortP95Ms: number}> {
	const times: number[] = [];
	for (let i = 0; i < rounds; i++) {
		await screen.flushed();
		const before = screen.text();
		const sent = performance.now();
		screen.write(i % 2 === 0 ? 'A' : 'N');
		const changed = await screen.waitFor('the sorted table', (s) => s.text() !== before, 30_000);
		times.push(changed - sent);
		await screen.quiet(300, 5_000);
	}
	return {sortP50Ms: Number(pct(times, 50).toFixed(1)), sortP95Ms: Number(pct(times, 95).toFixed(1))};
}

export interface WindowFigures {
	bytesPerS: number;
	cpuPct: number;
	rssMb: number;
}

/** `ms` with no keys: what the program writes and burns meanwhile, and its RSS at the end. */
export async function measureWindow(screen: PtyScreen, ms: number): Promise<WindowFigures> {
	const bytes0 = screen.bytes;
	const cpu0 = screen.cpuMs() ?? 0;
	const t0 = performance.now();
	await sleep(ms);
	const span = performance.now() - t0;
	return {
		bytesPerS: Math.round(((screen.bytes - bytes0) * 1000) / span),
		cpuPct: Number(((((screen.cpuMs() ?? 0) - cpu0) / span) * 100).toFixed(1)),
		rssMb: Math.round((screen.rss() ?? 0) / 1048576),
	};
}
