// Which Node.js kubedeck runs on, decided before anything else loads: its dependencies (Ink 8,
// @kubernetes/client-node 2 through undici) fail on older lines with stack traces that do not
// say what is wrong. This module imports nothing, so it loads on any Node that runs ES modules.

/** The oldest Node.js kubedeck supports; package.json's engines.node says the same (tested). */
export const minimumNode = {major: 22, minor: 19} as const;

/** "v22.19.0" or "22.19.0" → [22, 19, 0]; undefined when it is not a version. */
export function parseNodeVersion(text: string): [number, number, number] | undefined {
	const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
	return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Undefined when `version` is supported, else the one line to print. */
export function unsupportedNodeMessage(version: string, execPath: string): string | undefined {
	const parsed = parseNodeVersion(version);
	const {major, minor} = minimumNode;
	if (parsed && (parsed[0] > major || (parsed[0] === major && parsed[1] >= minor))) return undefined;
	const shown = version.startsWith('v') ? version : `v${version}`;
	return `kubedeck: needs Node.js ${major}.${minor} or newer (an LTS line: 22, 24 or 26); this is Node.js ${shown} at ${execPath}`;
}
