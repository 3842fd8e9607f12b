// Small hooks that connect the App to the data layer's stores and to the terminal.
import {useCallback, useEffect, useState, useSyncExternalStore} from 'react';
import {useStdout} from 'ink';
import type {BaseRow} from '../../source/model/types.js';
import type {RowStore} from '../../source/store/rowStore.js';
import type {Session} from '../../source/kube/session.js';

/**
 * Re-renders when the store changes, and returns its version. The store already coalesces changes
 * to one notification per frame, so subscribing straight through keeps renders to at most one per
 * frame however busy the cluster is. A number, not the snapshot: React keeps what a hook returned
 * in the frame before (its alternate fiber's effects) until the next frame, and a snapshot there
 * would keep the previous generation of every row alive; the render reads store.snapshot() itself.
 */
export function useStoreVersion<R extends BaseRow>(store: RowStore<R>): number {
	const subscribe = useCallback((listener: () => void) => store.subscribe(listener), [store]);
	const getVersion = useCallback(() => store.snapshot().version, [store]);
	return useSyncExternalStore(subscribe, getVersion, getVersion);
}

/** Re-renders when any watch changes state; the value is only a change counter. */
export function useWatchStatusVersion(session: Session): number {
	const [version, setVersion] = useState(0);
	useEffect(() => session.onStatus(() => setVersion((v) => v + 1)), [session]);
	return version;
}

export interface TerminalSize {
	columns: number;
	rows: number;
}

/**
 * Terminal size, with resize events coalesced: dragging a window fires dozens of them and
 * each full re-layout would flicker over SSH.
 */
export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
	// Ink 8 types stdout as any writable stream; a TTY carries its size, anything else gets 80×24.
	const stdout = useStdout().stdout as NodeJS.WritableStream & Partial<Pick<NodeJS.WriteStream, 'columns' | 'rows'>>;
	const read = useCallback(
		(): TerminalSize => fixed ?? {columns: stdout.columns || 80, rows: stdout.rows || 24},
		[stdout, fixed],
	);
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (fixed) return;
		let timer: NodeJS.Timeout | undefined;
		const onResize = () => {
			if (timer) clearTimeout(timer);
			timer = setTimeout(() => setSize(read()), 50);
		};
		stdout.on('resize', onResize);
		return () => {
			if (timer) clearTimeout(timer);
			stdout.off('resize', onResize);
		};
	}, [stdout, read, fixed]);
	return fixed ?? size;
}
