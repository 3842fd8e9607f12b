// Words close to one nobody knows, for "did you mean": what a typo of a kind's name most likely
// meant. Pure. A plain edit distance is enough for words of a few letters (a library would add a
// dependency for fifteen lines).

/** Levenshtein distance (insert, delete, substitute), with a swap of two neighbours counting as one edit. */
export function editDistance(a: string, b: string): number {
	const rows: number[][] = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
			rows[i]![j] = best;
		}
	}
	return rows[a.length]![b.length]!;
}

/** How many edits a word of this length may be from a candidate and still look like a typo of it. */
function allowedEdits(length: number): number {
	return length <= 3 ? 1 : length <= 7 ? 2 : 3;
}

/**
 * The candidates a word most likely meant, nearest first: a few edits away, or one begins with
 * the other (a word cut short, or one with a suffix too many). At most `limit`.
 */
export function closeWords(candidates: readonly string[], text: string, limit = 5): string[] {
	const word = text.trim().toLowerCase();
	if (word === '') return [];
	const scored: Array<[number, string]> = [];
	for (const candidate of new Set(candidates)) {
		if (candidate === word) continue;
		const distance = editDistance(word, candidate);
		const sharesStart = word.length >= 3 && candidate.length >= 3 && (candidate.startsWith(word) || word.startsWith(candidate));
		if (distance <= allowedEdits(word.length) || sharesStart) scored.push([distance, candidate]);
	}
	scored.sort(([da, a], [db, b]) => da - db || a.localeCompare(b));
	return scored.slice(0, limit).map(([, candidate]) => candidate);
}
