// The channel protocol that pods/exec and pods/attach speak over a WebSocket (v5.channel.k8s.io,
// v4.channel.k8s.io): every binary message is one byte naming the stream, then its bytes. The
// error stream carries one metav1.Status when the process ends; its `ExitCode` cause is the exit
// status (v4 semantics, kept in v5). v5 adds one message, the close signal (255), so a client can
// say "no more stdin" without closing the socket — which a command like `cat` needs to end.
// Pure: no sockets here; the session (source/actions/execSession.ts) moves the frames.

export const execProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;
export type ExecProtocol = (typeof execProtocols)[number];

export const Channel = {stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255} as const;
export type ChannelNumber = (typeof Channel)[keyof typeof Channel];

export interface Frame {
	channel: number;
	data: Buffer;
}

/** One message: the channel byte, then the bytes (strings as UTF-8). */
export function encodeFrame(channel: number, data: Uint8Array | string = ''): Buffer {
	const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
	const out = Buffer.allocUnsafe(body.length + 1);
	out[0] = channel;
	body.copy(out, 1);
	return out;
}

/** A message back into channel and bytes; an empty message (no channel byte) is undefined. */
export function decodeFrame(message: Buffer | ArrayBuffer | Buffer[]): Frame | undefined {
	const buffer = Array.isArray(message) ? Buffer.concat(message) : Buffer.isBuffer(message) ? message : Buffer.from(message);
	if (buffer.length === 0) return undefined;
	return {channel: buffer[0]!, data: buffer.subarray(1)};
}

/** The terminal size on the resize channel, as the kubelet reads it (TerminalSize JSON). */
export function resizeFrame(columns: number, rows: number): Buffer {
	const width = Math.max(1, Math.floor(columns));
	const height = Math.max(1, Math.floor(rows));
	return encodeFrame(Channel.resize, JSON.stringify({Width: width, Height: height}));
}

/** v5's "this stream is closed" (stdin, usually); undefined for v4, which has no such signal. */
export function closeFrame(protocol: string, channel: number = Channel.stdin): Buffer | undefined {
	if (protocol !== 'v5.channel.k8s.io') return undefined;
	return Buffer.from([Channel.close, channel]);
}

/** How a remote process ended, read from the error channel's Status. */
export type ExecEnd =
	| {kind: 'exited'; code: number}
	/** The process did not run or the server gave up (no such executable, container gone). */
	| {kind: 'failed'; reason: string; message: string};

interface StatusShape {
	status?: unknown;
	reason?: unknown;
	message?: unknown;
	details?: {causes?: Array<{reason?: unknown; message?: unknown}>};
}

/**
 * The error channel's Status → the end of the process. Success is exit 0; NonZeroExitCode carries
 * the code in the ExitCode cause; anything else is a failure with the server's words. Text that is
 * not a Status (old servers wrote plain text here) is a failure with that text.
 */
export function execEndOfStatus(text: string): ExecEnd {
	let status: StatusShape;
	try {
		status = JSON.parse(text) as StatusShape;
	} catch {
		return {kind: 'failed', reason: 'Unknown', message: text.trim() || 'the server closed the error stream without a status'};
	}
	if (status === null || typeof status !== 'object') return {kind: 'failed', reason: 'Unknown', message: text.trim()};
	if (status.status === 'Success') return {kind: 'exited', code: 0};
	const reason = typeof status.reason === 'string' ? status.reason : 'Unknown';
	const message = typeof status.message === 'string' ? status.message : '';
	if (reason === 'NonZeroExitCode') {
		const cause = status.details?.causes?.find(c => c.reason === 'ExitCode');
		const code = Number(cause?.message);
		if (Number.isInteger(code)) return {kind: 'exited', code};
	}
	return {kind: 'failed', reason, message: message || reason};
}

/**
 * True when the failure says the executable is not in the image (containerd, CRI-O and the
 * simulator word it "executable file not found"; some runtimes answer exit 126/127 without output).
 * The shell flow then tries the next candidate.
 */
export function isMissingExecutable(end: ExecEnd, sawOutput: boolean): boolean {
	if (end.kind === 'failed') return /executable file not found|no such file or directory/i.test(end.message);
	return !sawOutput && (end.code === 126 || end.code === 127);
}

/** A short line for the end of a session: "exit 0", "exit 127", or the failure's own words. */
export function describeExecEnd(end: ExecEnd): string {
	return end.kind === 'exited' ? `exit ${end.code}` : end.message;
}
