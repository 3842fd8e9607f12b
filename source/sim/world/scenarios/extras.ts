// The demo's kinds without a controller in the simulator: a bound and a pending claim with their
// volume, an ingress with TLS, and cron jobs (one suspended), so every pane has rows to show.
import type {KubeObject} from '../../../model/types.js';
import {isoTime, type Runtime} from '../runtime.js';
import {ensure} from './build.js';
import {createdAgo, DAY, HOUR} from './past.js';

const made = (apiVersion: string, kind: string, namespace: string | undefined, name: string, body: Record<string, unknown>): KubeObject =>
	({apiVersion, kind, metadata: {name, ...(namespace ? {namespace} : {}), uid: ''}, ...body}) as KubeObject;

export function seedDemoExtras(rt: Runtime): void {
	const pv = made('v1', 'PersistentVolume', undefined, 'pv-datasets-0', {
		spec: {capacity: {storage: '2Ti'}, accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'fsx-lustre', volumeMode: 'Filesystem', claimRef: {namespace: 'ml-training', name: 'datasets'}, csi: {driver: 'fsx.csi.aws.com', volumeHandle: 'fs-0demo'}},
		status: {phase: 'Bound'},
	});
	ensure(rt, 'persistentvolumes', createdAgo(rt, pv, 38 * DAY));
	ensure(rt, 'persistentvolumeclaims', createdAgo(rt, made('v1', 'PersistentVolumeClaim', 'ml-training', 'datasets', {
		spec: {accessModes: ['ReadWriteMany'], storageClassName: 'fsx-lustre', volumeMode: 'Filesystem', volumeName: 'pv-datasets-0', resources: {requests: {storage: '2Ti'}}},
		status: {phase: 'Bound', accessModes: ['ReadWriteMany'], capacity: {storage: '2Ti'}},
	}), 38 * DAY));
	ensure(rt, 'persistentvolumeclaims', createdAgo(rt, made('v1', 'PersistentVolumeClaim', 'ml-training', 'checkpoints-llama-70b', {
		spec: {accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', volumeMode: 'Filesystem', resources: {requests: {storage: '4Ti'}}},
		status: {phase: 'Pending'},
	}), 40 * 60_000));
	ensure(rt, 'ingresses.networking.k8s.io', createdAgo(rt, made('networking.k8s.io/v1', 'Ingress', 'production', 'web', {
		spec: {ingressClassName: 'nginx', tls: [{hosts: ['shop.example.com'], secretName: 'web-tls'}], rules: [{host: 'shop.example.com', http: {paths: [{path: '/', pathType: 'Prefix', backend: {service: {name: 'web', port: {number: 8080}}}}]}}]},
		status: {loadBalancer: {ingress: [{hostname: 'a1b2c3-demo.elb.eu-west-1.amazonaws.com'}]}},
	}), 30 * DAY));
	const template = (name: string, image: string) => ({spec: {template: {spec: {restartPolicy: 'OnFailure', containers: [{name, image}]}}}});
	ensure(rt, 'cronjobs.batch', createdAgo(rt, made('batch/v1', 'CronJob', 'payments', 'ledger-reconcile', {
		spec: {schedule: '0 2 * * *', timeZone: 'Europe/Berlin', suspend: false, concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, jobTemplate: template('reconcile', 'registry.example.com/payments/reconcile:2.3.1')},
		status: {lastScheduleTime: isoTime(rt.now() - 18 * HOUR), lastSuccessfulTime: isoTime(rt.now() - 17 * HOUR)},
	}), 60 * DAY));
	ensure(rt, 'cronjobs.batch', createdAgo(rt, made('batch/v1', 'CronJob', 'staging', 'db-snapshot', {
		spec: {schedule: '*/30 * * * *', suspend: true, concurrencyPolicy: 'Allow', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, jobTemplate: template('snapshot', 'registry.example.com/shop/snapshot:1.0.0')},
		status: {},
	}), 12 * DAY));
}
