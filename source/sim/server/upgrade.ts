// Upgraded connections (WebSocket) to the simulated API server: the same authentication and
// `forbid` rules as plain requests, then a small dispatch by subresource. An answer refused before
// the upgrade is written as a plain HTTP response with a metav1.Status body, as the real server does.
import {STATUS_CODES, type IncomingMessage} from 'node:http';
import type {Duplex} from 'node:stream';
import {ApiError} from '../contracts.js';
import {checkForbidden, parseTarget, type ApiServerOptions, type Target} from './http.js';
import {servePortForward} from './portforward.js';
import {serveAttach, serveExec} from './exec.js';
import {statusOf, toApiError} from './status.js';
import {viewerPrefix, type SimIdentity} from './authz.js';

export type UpgradeServer = (options: ApiServerOptions, target: Target, url: URL, req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The subresources served over an upgraded connection. */
const upgraders: Record<string, UpgradeServer> = {
	portforward: servePortForward,
	exec: serveExec,
	attach: serveAttach,
};

export function createUpgradeHandler(options: ApiServerOptions): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
	return (req, socket, head) => {
		socket.on('error', () => socket.destroy());
		try {
			const url = new URL(req.url ?? '/', 'http://sim.invalid');
			// The viewer's context reaches the same API under a path prefix, as plain requests do (authz.ts).
			const viewer = options.viewer && (url.pathname === viewerPrefix || url.pathname.startsWith(`${viewerPrefix}/`)) ? options.viewer : undefined;
			const pathname = viewer ? url.pathname.slice(viewerPrefix.length) || '/' : url.pathname;
			const authorization = req.headers.authorization;
			const token = viewer ? viewer.token : (options.faults?.acceptedToken(options.token) ?? options.token);
			if ((authorization !== undefined || options.faults?.credentialsRequired) && authorization !== `Bearer ${token}`) {
				throw new ApiError(401, 'Unauthorized', 'Unauthorized');
			}
			const identity: SimIdentity = viewer ? {name: viewer.user, readOnly: true} : {name: options.user, readOnly: false};
			const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
			const target = parseTarget(segments, options.store.types());
			const serve = target?.sub !== undefined && target.name !== undefined ? upgraders[target.sub] : undefined;
			if (!target || !serve) throw new ApiError(400, 'BadRequest', 'the server does not allow this method on the requested resource: no upgrade is served here');
			checkForbidden(options, identity, target, 'create');
			serve(options, target, url, req, socket, head);
		} catch (error) {
			refuseUpgrade(socket, error);
		}
	};
}

/** A plain HTTP answer on a socket that asked to upgrade: the Status as JSON, then the connection ends. */
export function refuseUpgrade(socket: Duplex, error: unknown): void {
	const apiError = toApiError(error);
	const body = JSON.stringify(statusOf(apiError));
	socket.end(
		`HTTP/1.1 ${apiError.code} ${STATUS_CODES[apiError.code] ?? 'Error'}\r\n` +
			'Content-Type: application/json\r\n' +
			`Content-Length: ${Buffer.byteLength(body)}\r\n` +
			'Connection: close\r\n\r\n' +
			body,
	);
}
