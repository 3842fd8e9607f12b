// WatchList (a streaming list): a watch with sendInitialEvents=true sends the current state as
// ADDED events, then a bookmark annotated k8s.io/initial-events-end, then goes on as a watch.
// kube-apiserver only accepts it with resourceVersionMatch=NotOlderThan and bookmarks allowed,
// refuses resourceVersionMatch on any other watch, and refuses the whole request with 422 when
// its WatchList feature is off — the answer a client falls back to paged lists on.
import {invalid} from './status.js';
import type {ApiError} from '../contracts.js';

export const initialEventsEndAnnotation = 'k8s.io/initial-events-end';

function forbidden(field: string, message: string): ApiError {
	return invalid('ListOptions', 'meta.k8s.io', '', field, `Forbidden: ${message}`, 'FieldValueForbidden');
}

/** The 422 a watch's list options earn, or undefined when the server serves them. */
export function watchListRefusal(query: URLSearchParams, watchListEnabled: boolean): ApiError | undefined {
	const initialEvents = query.get('sendInitialEvents');
	const match = query.get('resourceVersionMatch');
	if (initialEvents === null || initialEvents === '') {
		return match ? forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch') : undefined;
	}
	if (!watchListEnabled) return forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled');
	const bookmarks = query.get('allowWatchBookmarks');
	if (bookmarks !== 'true' && bookmarks !== '1') return forbidden('allowWatchBookmarks', 'sendInitialEvents requires setting allowWatchBookmarks to true');
	if (match !== 'NotOlderThan') return forbidden('resourceVersionMatch', "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
	return undefined;
}
