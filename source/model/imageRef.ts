// Whether a string is a container image reference the way the container runtime parses it
// (distribution's reference grammar): [registry[:port]/]path[:tag][@algorithm:hex]. Checked
// part by part rather than with one large pattern, so a hostile or very long input costs time
// linear in its length and the message can say which part is wrong.
export type ImageCheck = {ok: true} | {ok: false; message: string};

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const HOST = /^(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$/;

export function checkImage(input: string): ImageCheck {
	const text = input.trim();
	if (text === '') return {ok: false, message: 'an image is needed, e.g. nginx:1.27.3'};
	if (text.length > 4096) return {ok: false, message: 'the image reference is longer than 4096 characters'};
	if (/\s|[\u0000-\u001f\u007f]/.test(text)) return {ok: false, message: 'an image reference has no spaces or control characters'};
	let rest = text;
	const at = rest.indexOf('@');
	if (at >= 0) {
		const digest = rest.slice(at + 1);
		if (!DIGEST.test(digest)) return {ok: false, message: `"${digest}" is not a digest (algorithm:hex, e.g. sha256:…)`};
		rest = rest.slice(0, at);
	}
	const lastSlash = rest.lastIndexOf('/');
	const colon = rest.indexOf(':', lastSlash + 1);
	if (colon >= 0) {
		const tag = rest.slice(colon + 1);
		if (!TAG.test(tag)) return {ok: false, message: `"${tag}" is not a valid tag (letters, digits, _ . -; at most 128)`};
		rest = rest.slice(0, colon);
	}
	const parts = rest.split('/');
	// The first part is a registry host when it looks like one (a dot, a port or localhost).
	if (parts.length > 1 && (/[.:]/.test(parts[0]!) || parts[0] === 'localhost')) {
		const host = parts.shift()!;
		if (!HOST.test(host)) return {ok: false, message: `"${host}" is not a registry host`};
	}
	for (const part of parts) {
		if (!PATH_COMPONENT.test(part)) return {ok: false, message: `"${part}" is not a valid repository name part (lowercase letters, digits, and . _ - between them)`};
	}
	return {ok: true};
}
