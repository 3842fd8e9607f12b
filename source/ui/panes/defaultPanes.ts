// The registry the App uses unless told otherwise: the core panes plus the GPU ones
// (built per settings, since users may name extra accelerator resources).
import {buildCorePanes} from './corePanes.js';
import {createGpuPanes} from './gpuPanes.js';
import {createProblemsPane} from './problemsPane.js';
import {historyPane} from './historyPane.js';
import {createGpuTelemetryPanes} from './gpuTelemetryPanes.js';
import type {GpuIdleSettings} from '../../store/gpuTelemetryStores.js';
import {paneRegistry, type PaneRegistry, type PaneSpec} from './panes.js';

export function defaultPanes(extraAcceleratorResources?: readonly string[], gpuIdle?: GpuIdleSettings): PaneRegistry {
	const gpu = createGpuPanes({extraResources: extraAcceleratorResources});
	// The pods pane gets the holders-only toggle (h) that the GPU panes define.
	const core = buildCorePanes({pods: {toggles: gpu.podToggles as PaneSpec['toggles']}});
	return paneRegistry(core, gpu.panes, [createProblemsPane({gpu: {extraResources: extraAcceleratorResources}}), historyPane], createGpuTelemetryPanes(gpuIdle));
}
