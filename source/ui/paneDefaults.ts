// The sort a pane opens with, when it is not the namespace/name order. Events open Warnings
// first, grouped by the object they are about (the TYPE column sorts by that grouping): the
// pane answers "what is warning now" without a key.
import type {SortState} from '../store/selectors.js';

const defaultSorts: Readonly<Record<string, SortState>> = {
	events: {column: 'type', ascending: true},
};

export function defaultSortOf(pane: string): SortState | undefined {
	return defaultSorts[pane];
}
