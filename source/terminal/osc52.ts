// Copy to the clipboard with OSC 52: ESC ] 52 ; c ; <base64> BEL. It works over SSH and in
// tmux (with `set -g set-clipboard on`), where no local clipboard tool can. What is copied
// came from the cluster, so it is sanitised first (no escape sequence rides along into the
// next terminal it is pasted into), and capped: terminals drop or truncate long payloads
// (xterm and hterm stop near 100 kB of base64), and a partial copy must say so.
import {sanitizeText} from './sanitize.js';

/** Bytes of UTF-8 text sent at most: 48 KiB becomes 64 KiB of base64, under the common limits. */
export const OSC52_MAX_BYTES = 48 * 1024;

export interface ClipboardWrite {
	/** The escape sequence to write to the terminal. */
	sequence: string;
	/** UTF-8 bytes of text in it. */
	bytes: number;
	/** True when the text was cut at OSC52_MAX_BYTES. */
	truncated: boolean;
}

/** Cuts UTF-8 at a byte cap without splitting a character (a lone continuation byte would paste as U+FFFD). */
function capUtf8(bytes: Buffer, max: number): Buffer {
	if (bytes.length <= max) return bytes;
	let end = max;
	while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
	return bytes.subarray(0, end);
}

export function osc52(text: string, maxBytes = OSC52_MAX_BYTES): ClipboardWrite {
	const all = Buffer.from(sanitizeText(text, {tabWidth: 1}), 'utf8');
	const kept = capUtf8(all, maxBytes);
	return {sequence: `\u001B]52;c;${kept.toString('base64')}\u0007`, bytes: kept.length, truncated: kept.length < all.length};
}
