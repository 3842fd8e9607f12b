import {hpaModel} from '../model/hpa.js';
import {defineKind, objectVerbs} from './kind.js';

// autoscaling/v2: the version that carries every metric type and the conditions; v1 shows only CPU.
export const hpas = defineKind({
	kind: 'HorizontalPodAutoscaler',
	group: 'autoscaling',
	version: 'v2',
	plural: 'horizontalpodautoscalers',
	scope: 'Namespaced',
	names: ['horizontalpodautoscaler', 'hpa', 'hpas'],
	model: hpaModel,
	verbs: objectVerbs,
});
