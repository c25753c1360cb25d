'use strict';
// A tiny SMTP server on 127.0.0.1 (node:net only) that accepts every message and keeps it in
// memory, so the e2e suite can point n8n's Send Email node at it: no message leaves the machine.
// Speaks enough RFC 5321 for nodemailer: EHLO/HELO, optional AUTH PLAIN/LOGIN (any
// credentials), MAIL FROM, RCPT TO, DATA (dot-unstuffed), RSET, NOOP, QUIT. No STARTTLS.
// `parseMime` reads the received message back: headers, and each MIME part's headers and
// decoded body (base64 / quoted-printable), recursing into multipart bodies.

const net = require('node:net');

/**
 * @returns {Promise<{ port: number, host: string, messages: Array<{ from: string, to: string[], data: Buffer }>,
 *   waitFor(count: number, timeoutMs?: number): Promise<void>, close(): Promise<void> }>}
 */
function startSmtpSink() {
	const messages = [];
	const waiters = [];
	const sockets = new Set();
	const notify = () => {
		for (const w of [...waiters]) {
			if (messages.length >= w.count) {
				waiters.splice(waiters.indexOf(w), 1);
				clearTimeout(w.timer);
				w.resolve();
			}
		}
	};

	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => {});
		let buffer = Buffer.alloc(0);
		let mode = 'command'; // 'command' | 'data' | 'auth-login-user' | 'auth-login-pass'
		let envelope = { from: '', to: [] };
		const reply = (line) => socket.write(`${line}\r\n`);
		reply('220 localhost n8n-nodes-yoti e2e SMTP sink');

		const onCommand = (line) => {
			const verb = line.slice(0, 4).toUpperCase();
			if (mode === 'auth-login-user') {
				mode = 'auth-login-pass';
				return reply('334 UGFzc3dvcmQ6');
			}
			if (mode === 'auth-login-pass') {
				mode = 'command';
				return reply('235 2.7.0 Authentication successful');
			}
			switch (verb) {
				case 'EHLO':
					return socket.write('250-localhost\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n');
				case 'HELO':
					return reply('250 localhost');
				case 'AUTH':
					if (/^AUTH LOGIN/i.test(line)) {
						mode = 'auth-login-user';
						return reply('334 VXNlcm5hbWU6');
					}
					return reply('235 2.7.0 Authentication successful');
				case 'MAIL':
					envelope = { from: (/<([^>]*)>/.exec(line) || [])[1] || '', to: [] };
					return reply('250 2.1.0 OK');
				case 'RCPT':
					envelope.to.push((/<([^>]*)>/.exec(line) || [])[1] || '');
					return reply('250 2.1.5 OK');
				case 'DATA':
					mode = 'data';
					return reply('354 End data with <CR><LF>.<CR><LF>');
				case 'RSET':
					envelope = { from: '', to: [] };
					return reply('250 2.0.0 OK');
				case 'NOOP':
					return reply('250 2.0.0 OK');
				case 'QUIT':
					reply('221 2.0.0 Bye');
					return socket.end();
				default:
					return reply('502 5.5.2 Command not implemented');
			}
		};

		socket.on('data', (chunk) => {
			buffer = Buffer.concat([buffer, chunk]);
			for (;;) {
				if (mode === 'data') {
					const end = buffer.indexOf('\r\n.\r\n');
					const atStart = buffer.subarray(0, 3).toString('latin1') === '.\r\n';
					if (end < 0 && !atStart) return;
					const body = atStart ? Buffer.alloc(0) : buffer.subarray(0, end);
					buffer = buffer.subarray(atStart ? 3 : end + 5);
					// dot-unstuffing: a line starting with ".." was sent for a line starting with "."
					const data = Buffer.from(body.toString('latin1').replace(/(^|\r\n)\.\./g, '$1.'), 'latin1');
					messages.push({ from: envelope.from, to: envelope.to, data });
					envelope = { from: '', to: [] };
					mode = 'command';
					reply('250 2.0.0 OK: queued');
					notify();
					continue;
				}
				const eol = buffer.indexOf('\r\n');
				if (eol < 0) return;
				const line = buffer.subarray(0, eol).toString('utf8');
				buffer = buffer.subarray(eol + 2);
				onCommand(line);
			}
		});
	});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				port,
				host: '127.0.0.1',
				messages,
				waitFor(count, timeoutMs = 60_000) {
					if (messages.length >= count) return Promise.resolve();
					return new Promise((res, rej) => {
						const w = { count, resolve: res, timer: setTimeout(() => rej(new Error(`SMTP sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`)), timeoutMs) };
						waiters.push(w);
					});
				},
				close() {
					for (const s of sockets) s.destroy();
					return new Promise((res) => server.close(() => res()));
				},
			});
		});
	});
}

function splitHeaderBody(text) {
	const at = text.indexOf('\r\n\r\n');
	return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 4)];
}

/** Header block -> { lower-case name: value } (folded lines joined). */
function parseHeaders(block) {
	const headers = {};
	for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function decodeBody(body, encoding) {
	const e = String(encoding || '').toLowerCase();
	if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
	if (e === 'quoted-printable') {
		return Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
	}
	return Buffer.from(body, 'latin1');
}

/**
 * A received message as { headers, parts: [{ headers, content: Buffer }] } — leaf parts only,
 * multipart containers flattened in order.
 * @param {Buffer} data
 */
function parseMime(data) {
	const [head, body] = splitHeaderBody(data.toString('latin1'));
	const headers = parseHeaders(head);
	const parts = [];
	const walk = (partHeaders, partBody) => {
		const type = partHeaders['content-type'] || 'text/plain';
		const boundary = /boundary="?([^";]+)"?/i.exec(type);
		if (/^multipart\//i.test(type) && boundary) {
			const pieces = partBody.split(`--${boundary[1]}`);
			for (const piece of pieces.slice(1)) {
				if (piece.startsWith('--')) break;
				const [h, b] = splitHeaderBody(piece.replace(/^\r\n/, ''));
				walk(parseHeaders(h), b.replace(/\r\n$/, ''));
			}
			return;
		}
		parts.push({ headers: partHeaders, content: decodeBody(partBody, partHeaders['content-transfer-encoding']) });
	};
	walk(headers, body);
	return { headers, parts };
}

module.exports = { startSmtpSink, parseMime };
