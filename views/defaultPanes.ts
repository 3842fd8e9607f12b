// The registry the App uses unless told otherwise: the core panes plus the GPU ones
// (built per settings, since users may name extra accelerator resources).
import {corePanes} from './corePanes.js';
import {createGpuPanes} from './gpu/gpuPanes.js';
import {paneRegistry, type PaneRegistry, type PaneSpec} from './panes.js';

export function defaultPanes(extraAcceleratorResources?: readonly string[]): PaneRegistry {
	const gpu = createGpuPanes({extraResources: extraAcceleratorResources});
	const registry = paneRegistry(corePanes, gpu.panes);
	const pods = registry.get('pods');
	const holders = registry.get('gpuholders');
	const pending = registry.get('gpupending');
	if (!pods || !holders) return registry;
	// The pods pane gets the holders-only toggle (h); a holder row opens what a pod row opens.
	const withToggle: PaneSpec = {...pods, toggles: {...pods.toggles, ...(gpu.podToggles as PaneSpec['toggles'])}};
	const holdersLikePods: PaneSpec = pods.enter ? {...holders, enter: pods.enter} : holders;
	const pendingLikePods: PaneSpec[] = pending && pods.enter && !pending.enter ? [{...pending, enter: pods.enter}] : [];
	return paneRegistry([...registry.values()], [withToggle, holdersLikePods, ...pendingLikePods]);
}
