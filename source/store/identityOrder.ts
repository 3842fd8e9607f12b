// The namespace/name/uid order every table falls back to, kept between frames. Comparing those
// strings is most of the cost of sorting 50k rows (most keys tie: a status of Running, a restart
// count of 0), and the order of a uid never changes, so it is computed once per uid and reused: each
// call only sorts the uids it has not seen and merges them in. What a caller gets is a number per
// row, its rank in that order, so a tie costs one subtraction instead of up to three string compares.
import type {BaseRow} from '../model/types.js';

interface Entry {
	namespace: string;
	name: string;
	uid: string;
	rank: number;
}

/** The order a table shows without a sort, and every sort's tie-break: namespace, then name, then uid. */
export function compareIdentity(a: {namespace?: string; name: string; uid: string}, b: {namespace?: string; name: string; uid: string}): number {
	const an = a.namespace ?? '';
	const bn = b.namespace ?? '';
	if (an !== bn) return an < bn ? -1 : 1;
	if (a.name !== b.name) return a.name < b.name ? -1 : 1;
	return a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

/**
 * Ranks in identity order for one table's rows, remembered across calls. Give it every row of the
 * table, before any filter: uids gone since are dropped (one full sort) once they outnumber the rows
 * given, so churn cannot grow it without bound.
 */
export class IdentityOrder {
	private readonly byUid = new Map<string, Entry>();
	private order: Entry[] = [];
	/** The last answer, for the same rows asked again with no rank moved since (a filter typed over one snapshot). */
	private last: {rows: readonly BaseRow[]; ranks: Int32Array} | undefined;

	/** Size of the rank space: every rank returned is below it. */
	get size(): number {
		return this.order.length;
	}

	/**
	 * Each row's rank, in row order: a < b in identity order exactly when rank(a) < rank(b); rows
	 * with the same namespace, name and uid share a rank. Undefined when one uid comes with two
	 * names (rows made up by a pane, not objects): the caller compares the strings instead.
	 */
	ranks(rows: readonly BaseRow[]): Int32Array | undefined {
		if (this.last?.rows === rows) return this.last.ranks;
		if (this.order.length > 2 * rows.length + 1024) this.clear();
		let ranks = this.lookUp(rows);
		if (!ranks) {
			// A uid seen before under another name: start again from these rows alone.
			this.clear();
			ranks = this.lookUp(rows);
		}
		// Ranks move when rows are merged in, so only this answer is kept, and only until the next merge.
		this.last = ranks && {rows, ranks};
		return ranks;
	}

	private clear(): void {
		this.byUid.clear();
		this.order = [];
		this.last = undefined;
	}

	private lookUp(rows: readonly BaseRow[]): Int32Array | undefined {
		const entries: Entry[] = new Array(rows.length);
		const added: Entry[] = [];
		for (let i = 0; i < rows.length; i++) {
			const row = rows[i]!;
			const namespace = row.namespace ?? '';
			let entry = this.byUid.get(row.uid);
			if (entry === undefined) {
				entry = {namespace, name: row.name, uid: row.uid, rank: -1};
				this.byUid.set(row.uid, entry);
				added.push(entry);
			} else if (entry.namespace !== namespace || entry.name !== row.name) {
				// Forget what this call added, so the cache holds only ranked entries.
				for (const a of added) this.byUid.delete(a.uid);
				return undefined;
			}
			entries[i] = entry;
		}
		if (added.length > 0) this.merge(added);
		const ranks = new Int32Array(rows.length);
		for (let i = 0; i < rows.length; i++) ranks[i] = entries[i]!.rank;
		return ranks;
	}

	private merge(added: Entry[]): void {
		added.sort(compareIdentity);
		const kept = this.order;
		const merged: Entry[] = new Array(kept.length + added.length);
		let i = 0;
		let j = 0;
		let k = 0;
		while (i < kept.length && j < added.length) merged[k++] = compareIdentity(kept[i]!, added[j]!) <= 0 ? kept[i++]! : added[j++]!;
		while (i < kept.length) merged[k++] = kept[i++]!;
		while (j < added.length) merged[k++] = added[j++]!;
		for (let r = 0; r < merged.length; r++) merged[r]!.rank = r;
		this.order = merged;
		this.last = undefined;
	}
}
