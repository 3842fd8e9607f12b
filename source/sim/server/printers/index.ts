// The columns the real API server prints per kind (kubernetes pkg/printers/internalversion), as
// meta.k8s.io/v1 Table column definitions and cells. The server always prints the wide set;
// kubectl hides priority-1 columns unless -o wide. This is the simulator's own printing: it shares
// nothing with kubedeck's client-side rows, so comparing the two checks one against the other.
import {isoTime, parseTime} from '../../time.js';
import {col, nameColumn, type Printer} from './format.js';
import {podPrinter} from './pod.js';
import {workloadPrinters} from './workloads.js';
import {clusterPrinters} from './cluster.js';
import {storagePrinters} from './storage.js';
import {customPrinter} from './custom.js';
import type {ResourceType} from '../../contracts.js';

export type {Cell, ColumnDefinition, Printer} from './format.js';
export {podSummary, type PodSummary} from './pod.js';

export const printers: Record<string, Printer> = {Pod: podPrinter, ...workloadPrinters, ...clusterPrinters, ...storagePrinters};

const customPrinters = new WeakMap<object, Printer>();

/**
 * The printer for a served type: a custom resource's from its definition's columns (whatever its
 * kind is called: a Volcano `Job` is not a batch Job), a built-in kind's own, or the default.
 */
export function printerFor(type: ResourceType): Printer {
	if (type.custom) {
		let printer = customPrinters.get(type.custom);
		if (!printer) customPrinters.set(type.custom, (printer = customPrinter(type.custom.columns)));
		return printer;
	}
	return printers[type.kind] ?? genericPrinter;
}

/** Kinds without a printer of their own get the server's default table: the name and the creation time in UTC. */
export const genericPrinter: Printer = {
	columns: [nameColumn, col('Created At', 'date')],
	cells(o) {
		const created = parseTime(o.metadata.creationTimestamp);
		return [o.metadata.name, created === undefined ? '0001-01-01T00:00:00Z' : isoTime(created)];
	},
};
