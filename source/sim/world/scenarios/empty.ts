// 'empty': system namespaces and a few plain worker nodes; tests bring their own objects.
import {K, type Runtime} from '../runtime.js';
import {ensure, makeNode, seedNamespaces, SYSTEM_NAMESPACES} from './build.js';

export function seedEmpty(rt: Runtime, options: {nodes?: number}): void {
	seedNamespaces(rt, SYSTEM_NAMESPACES);
	const count = options.nodes ?? 3;
	for (let i = 1; i <= count; i++) ensure(rt, K.nodes, makeNode({name: `worker-${i}`, cpu: 8, memoryGi: 32, index: i}, rt.now()));
}
