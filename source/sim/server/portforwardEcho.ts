// What answers inside a simulated pod on a declared port: a tiny HTTP echo responder, so a request
// through a forward shows which pod and port answered and what the request line was. Anything that
// is not HTTP is echoed back line by line (a TCP echo), so plain `nc` works too.

export interface EchoTarget {
	namespace: string;
	pod: string;
	port: number;
}

export interface EchoConnection {
	/** Bytes from the client; returns what the pod sends back (possibly empty). */
	receive(data: Buffer): Buffer;
	/** True once the pod closed its side (after an HTTP answer). */
	readonly closed: boolean;
}

const httpMethod = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE) \S+ HTTP\/1\.[01]$/;
const maxBuffered = 64 * 1024;

export function echoConnection(target: EchoTarget): EchoConnection {
	let buffered = Buffer.alloc(0);
	let closed = false;
	let mode: 'unknown' | 'http' | 'lines' = 'unknown';
	return {
		get closed() {
			return closed;
		},
		receive(data) {
			if (closed) return Buffer.alloc(0);
			buffered = Buffer.concat([buffered, data]);
			if (mode === 'unknown') {
				const eol = buffered.indexOf('\n');
				if (eol < 0) return buffered.length > maxBuffered ? drop() : Buffer.alloc(0);
				mode = httpMethod.test(buffered.subarray(0, eol).toString('latin1').replace(/\r$/, '')) ? 'http' : 'lines';
			}
			if (mode === 'http') {
				const end = buffered.indexOf('\r\n\r\n');
				if (end < 0) return buffered.length > maxBuffered ? drop() : Buffer.alloc(0);
				const requestLine = buffered.subarray(0, buffered.indexOf('\n')).toString('latin1').replace(/\r$/, '');
				closed = true;
				return httpAnswer(target, requestLine);
			}
			const last = buffered.lastIndexOf('\n');
			if (last < 0) return Buffer.alloc(0);
			const lines = buffered.subarray(0, last + 1);
			buffered = buffered.subarray(last + 1);
			return Buffer.from(lines);
		},
	};

	function drop(): Buffer {
		buffered = Buffer.alloc(0);
		return Buffer.alloc(0);
	}
}

/** The kubelet's words when nothing listens on the port inside the pod's network namespace. */
export function connectionRefused(port: number, podUid: string): string {
	return `error forwarding port ${port} to pod ${podUid}, uid : failed to connect to localhost:${port} inside namespace "${podUid}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
}

function httpAnswer(target: EchoTarget, requestLine: string): Buffer {
	const body = `pod ${target.namespace}/${target.pod} port ${target.port}\nrequest ${requestLine}\n`;
	const head = [
		'HTTP/1.1 200 OK',
		'Content-Type: text/plain; charset=utf-8',
		`Content-Length: ${Buffer.byteLength(body)}`,
		`X-Pod: ${target.pod}`,
		'Connection: close',
	].join('\r\n');
	return Buffer.from(`${head}\r\n\r\n${requestLine.startsWith('HEAD ') ? '' : body}`);
}
