// Cells of the GPU nodes pane. Every cell is plain text: the usage bar carries a percentage
// and STATUS carries GPU-UNAVAILABLE, so nothing depends on colour.
import type {Column} from './types.js';
import {formatBytes, formatCount} from './quantity.js';
import type {GpuNodeRow} from './gpu.js';

/** A text usage bar: colour is never the only signal, and the ASCII form survives any terminal. */
export function usageBar(used: number, total: number, width = 8, ascii = false): string {
	if (total <= 0) return '';
	const filled = Math.min(width, Math.max(0, Math.round((used / total) * width)));
	const [full, empty] = ascii ? ['#', '.'] : ['█', '░'];
	return full.repeat(filled) + empty.repeat(width - filled);
}

export function usagePercent(used: number, total: number): number {
	return total > 0 ? Math.round((used / total) * 100) : 0;
}

export function formatSharing(sharing: GpuNodeRow['sharing']): string {
	if (!sharing) return '-';
	let text: string = sharing.strategy;
	if (sharing.replicas !== undefined) text += `×${sharing.replicas}`;
	if (sharing.physical !== undefined) text += ` (${sharing.physical} phys)`;
	return text;
}

export function formatMig(mig: GpuNodeRow['mig']): string {
	if (mig.length === 0) return '-';
	return mig.map(entry => `${entry.profile} ${formatCount(entry.allocated)}/${formatCount(entry.allocatable)}`).join(', ');
}

export function formatDriver(row: Pick<GpuNodeRow, 'driver' | 'cuda'>): string {
	if (row.driver && row.cuda) return `${row.driver}/${row.cuda}`;
	if (row.driver) return row.driver;
	if (row.cuda) return `-/${row.cuda}`;
	return '-';
}

export const gpuNodeColumns: Array<Column<GpuNodeRow>> = [
	{id: 'name', title: 'NODE', cell: row => row.name},
	{id: 'status', title: 'STATUS', cell: row => row.status},
	{id: 'accelerator', title: 'ACCELERATOR', cell: row => row.accelerator || '-'},
	{id: 'mem', title: 'MEM', align: 'right', cell: row => (row.memoryBytes === undefined ? '-' : formatBytes(row.memoryBytes)), sortValue: row => row.memoryBytes ?? -1},
	// CAPACITY, DRIVER/CUDA and TAINTS wait for wide mode (ctrl-w): fourteen columns do not fit
	// a bastion terminal, and ALLOCATABLE/FREE/STATUS answer the first question.
	{id: 'capacity', title: 'CAPACITY', wide: true, align: 'right', cell: row => formatCount(row.capacity), sortValue: row => row.capacity},
	{id: 'allocatable', title: 'ALLOCATABLE', align: 'right', cell: row => formatCount(row.allocatable), sortValue: row => row.allocatable},
	{id: 'allocated', title: 'ALLOCATED', align: 'right', cell: row => formatCount(row.allocated), sortValue: row => row.allocated},
	{id: 'free', title: 'FREE', align: 'right', cell: row => formatCount(row.free), sortValue: row => row.free},
	{
		id: 'usage',
		title: 'USAGE',
		// The percentage first and padded: it survives a narrow cell, and the bars line up.
		cell: row => (row.allocatable > 0 ? `${`${usagePercent(row.allocated, row.allocatable)}%`.padStart(4)} ${usageBar(row.allocated, row.allocatable)}` : '-'),
		sortValue: row => (row.allocatable > 0 ? row.allocated / row.allocatable : -1),
	},
	{id: 'pods', title: 'PODS', align: 'right', cell: row => (row.pods === undefined ? '-' : String(row.pods)), sortValue: row => row.pods ?? -1},
	{id: 'sharing', title: 'SHARING', cell: row => formatSharing(row.sharing)},
	{id: 'mig', title: 'MIG', cell: row => formatMig(row.mig)},
	{id: 'driver', title: 'DRIVER/CUDA', wide: true, cell: row => formatDriver(row)},
	{id: 'taints', title: 'TAINTS', wide: true, cell: row => (row.taints.length > 0 ? row.taints.join(',') : '-')},
];
