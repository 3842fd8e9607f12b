// The built-in panes: one per kind in the kinds registry (source/kinds), plus the containers
// pane, a view over one pod (see source/kinds/views.ts). The GPU panes are added from gpuPanes.ts.
import {isNamespaced, kindByWord, paneKinds, type AnyKind} from '../../kinds/index.js';
import {containerColumns, containerRows, type ContainerRow} from '../../model/containers.js';
import type {PodRow} from '../../model/pods.js';
import type {BaseRow} from '../../model/types.js';
import type {ResourceKind} from '../../kube/session.js';
import {pane, type PaneSpec} from './panes.js';
import type {PaneId} from '../commands.js';

export {podContainers} from '../../kinds/pods.js';

/** A kind's pane: its model's columns, its Enter, its own key-map context first. */
export function kindPane(kind: AnyKind, extra: Partial<PaneSpec> = {}): PaneSpec {
	const spec: PaneSpec = {
		id: kind.plural as PaneId,
		title: kind.plural,
		resource: kind.plural as ResourceKind,
		objectKind: kind.kind,
		namespaced: isNamespaced(kind),
		contexts: [kind.plural, 'table', 'global'],
		columns: kind.model.columns,
		...extra,
	};
	if (kind.enter) spec.enter = kind.enter.bind(kind);
	if (kind.collapse) spec.collapse = kind.collapse.bind(kind);
	return spec;
}

/** Actions in the containers pane act on the pod, narrowed to the selected container. */
const containerActions = new Set(['object.describe', 'object.yaml', 'pod.logs', 'pod.shell', 'pod.attach', 'pod.debug']);

function containerSubject(row: ContainerRow, action: string): BaseRow | undefined {
	if (!containerActions.has(action)) return undefined;
	// One container and it as the default: logs open it without the picker, the shell hint names it.
	const subject: BaseRow & Pick<PodRow, 'containers' | 'defaultContainer'> = {
		uid: row.pod.uid,
		name: row.pod.name,
		severity: row.severity,
		containers: [row.name],
		defaultContainer: row.name,
	};
	if (row.pod.namespace !== undefined) subject.namespace = row.pod.namespace;
	return subject;
}

export const containersPane: PaneSpec = pane<ContainerRow>({
	id: 'containers',
	title: 'containers',
	resource: 'pods',
	objectKind: 'Pod',
	namespaced: false,
	contexts: ['containers', 'table', 'global'],
	columns: containerColumns,
	podParts: {rows: containerRows, subject: containerSubject},
});

/** A release's revisions (Enter on :helm): every revision Secret the drill-down's selector picks. */
function helmHistoryPane(extra: Partial<PaneSpec> = {}): PaneSpec {
	const {collapse: _all, enter: _none, ...spec} = kindPane(kindByWord('helm')!, extra);
	return {...spec, id: 'helmhistory', title: 'helm history'};
}

/** The core panes; `extras` adds to a kind's pane by its id (the GPU holders toggle on pods). */
export function buildCorePanes(extras: Readonly<Partial<Record<string, Partial<PaneSpec>>>> = {}): PaneSpec[] {
	const [first, ...rest] = paneKinds.map((kind) => kindPane(kind, extras[kind.plural]));
	// The containers pane right after pods, whose rows open it.
	return [...(first ? [first, containersPane] : [containersPane]), ...rest, helmHistoryPane(extras['helm'])];
}

export const corePanes: readonly PaneSpec[] = buildCorePanes();
