// The registry the App uses unless told otherwise: the core panes plus the GPU ones
// (built per settings, since users may name extra accelerator resources).
import {corePanes} from './corePanes.js';
import {createGpuPanes} from './gpu/gpuPanes.js';
import {paneRegistry, type PaneRegistry} from './panes.js';

export function defaultPanes(extraAcceleratorResources?: readonly string[]): PaneRegistry {
	return paneRegistry(corePanes, createGpuPanes({extraResources: extraAcceleratorResources}).panes);
}
