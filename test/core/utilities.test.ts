/* eslint-disable */
import { extensionForMime, isUuid, mapConcurrent, parseJsonText } from '../../nodes/Yoti/core';

describe('isUuid', () => {
	test('canonical UUIDs in any case, surrounding whitespace ignored', () => {
		expect(isUuid('3fa85f64-5717-4562-b3fc-2c963f66afa6')).toBe(true);
		expect(isUuid('3FA85F64-5717-4562-B3FC-2C963F66AFA6')).toBe(true);
		expect(isUuid('  3fa85f64-5717-4562-b3fc-2c963f66afa6\n')).toBe(true);
		expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
	});

	test('everything else is refused', () => {
		for (const value of [
			'',
			'   ',
			'<uuid>',
			'<sessionId>',
			'3fa85f64571745 62b3fc2c963f66afa6',
			'3fa85f6457174562b3fc2c963f66afa6',
			'{3fa85f64-5717-4562-b3fc-2c963f66afa6}',
			'urn:uuid:3fa85f64-5717-4562-b3fc-2c963f66afa6',
			'3fa85f64-5717-4562-b3fc-2c963f66afa',
			'3fa85f64-5717-4562-b3fc-2c963f66afa6a',
			'3fa85f64-5717-4562-b3fc-2c963f66afg6',
			'3fa85f64-5717-4562-b3fc-2c963f66afa6/../x',
			'3fa85f64-5717-4562-b3fc-2c963f66afa6 3fa85f64-5717-4562-b3fc-2c963f66afa6',
		]) {
			expect([value, isUuid(value)]).toEqual([value, false]);
		}
		for (const value of [null, undefined, 42, {}, []]) expect(isUuid(value as any)).toBe(false);
	});
});

describe('extensionForMime', () => {
	test.each([
		['image/jpeg', 'jpg'],
		['image/jpeg; charset=binary', 'jpg'],
		['IMAGE/JPEG', 'jpg'],
		['image/png', 'png'],
		['application/json', 'json'],
		['application/json; charset=UTF-8', 'json'],
		['application/problem+json', 'json'],
		['application/pdf', 'pdf'],
		['application/zip', 'zip'],
		['application/octet-stream', 'bin'],
		['application/x-unknown', 'bin'],
		['', 'bin'],
		['nonsense', 'bin'],
	])('%s -> %s', (mime, extension) => {
		expect(extensionForMime(mime)).toBe(extension);
	});

	test('not a string still gives bin', () => {
		expect(extensionForMime(undefined as any)).toBe('bin');
		expect(extensionForMime(null as any)).toBe('bin');
	});
});

describe('parseJsonText', () => {
	test('text and bytes, with and without a BOM', () => {
		expect(parseJsonText('{"a":1}')).toEqual({ a: 1 });
		expect(parseJsonText('\uFEFF{"a":1}')).toEqual({ a: 1 });
		expect(parseJsonText(Buffer.from('{"a":"é"}', 'utf8'))).toEqual({ a: 'é' });
		expect(parseJsonText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[1,2]')]))).toEqual([1, 2]);
		expect(parseJsonText('null')).toBeNull();
	});

	test('bad JSON throws a plain Error that does not quote the content', () => {
		const secret = '{"full_name": "JOHN SECRET FOO", ';
		expect(() => parseJsonText(secret)).toThrow(Error);
		try {
			parseJsonText(secret);
		} catch (error) {
			expect((error as Error).message).not.toContain('SECRET');
			expect((error as Error).message).toMatch(/not valid JSON/);
		}
		expect(() => parseJsonText('')).toThrow(/not valid JSON/);
		expect(() => parseJsonText('\uFEFF')).toThrow(/not valid JSON/);
	});
});

/** A promise the test settles by hand, to control completion order without timers. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const flush = async () => {
	for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('mapConcurrent', () => {
	test('at most `limit` in flight, results in input order although they settle in reverse', async () => {
		const gates = Array.from({ length: 7 }, () => deferred<string>());
		let inFlight = 0;
		let maxInFlight = 0;
		const started: number[] = [];
		const run = mapConcurrent([0, 1, 2, 3, 4, 5, 6], 3, async (item, index) => {
			expect(item).toBe(index);
			started.push(index);
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			try {
				return await gates[index].promise;
			} finally {
				inFlight--;
			}
		});
		await flush();
		expect(started).toEqual([0, 1, 2]);
		// Settle out of order: 2, then 1, then the rest from the back.
		gates[2].resolve('r2');
		await flush();
		expect(started).toEqual([0, 1, 2, 3]);
		gates[1].resolve('r1');
		await flush();
		for (const index of [6, 5, 4, 3, 0]) {
			gates[index].resolve(`r${index}`);
			await flush();
		}
		await expect(run).resolves.toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
		expect(maxInFlight).toBe(3);
		expect([...started].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
	});

	test('limit 1 runs strictly one after another; limits below 1 or NaN mean 1', async () => {
		for (const limit of [1, 0, -5, NaN]) {
			let inFlight = 0;
			let maxInFlight = 0;
			const out = await mapConcurrent(['a', 'b', 'c'], limit, async (item) => {
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				await flush();
				inFlight--;
				return item.toUpperCase();
			});
			expect(out).toEqual(['A', 'B', 'C']);
			expect(maxInFlight).toBe(1);
		}
	});

	test('a limit above the item count and an empty list', async () => {
		expect(await mapConcurrent([1, 2], 100, async (n) => n * 2)).toEqual([2, 4]);
		expect(await mapConcurrent([1, 2], Infinity, async (n) => n * 2)).toEqual([2, 4]);
		expect(await mapConcurrent([], 5, async () => 1)).toEqual([]);
	});

	test('a throwing fn: no new item starts, in-flight ones finish, then the first error rejects', async () => {
		const gates = Array.from({ length: 5 }, () => deferred<number>());
		const started: number[] = [];
		const finished: number[] = [];
		let settled = false;
		const run = mapConcurrent([0, 1, 2, 3, 4], 2, async (_, index) => {
			started.push(index);
			const value = await gates[index].promise;
			finished.push(index);
			return value;
		}).finally(() => {
			settled = true;
		});
		run.catch(() => undefined);
		await flush();
		gates[0].reject(new Error('first'));
		await flush();
		expect(settled).toBe(false); // item 1 still in flight
		gates[1].reject(new Error('second'));
		await flush();
		await expect(run).rejects.toThrow('first');
		expect(started).toEqual([0, 1]);
		expect(finished).toEqual([]);
	});

	test('a synchronous throw inside fn is handled the same way', async () => {
		await expect(
			mapConcurrent([1, 2, 3], 2, ((n: number) => {
				if (n === 1) throw new Error('sync');
				return Promise.resolve(n);
			}) as any),
		).rejects.toThrow('sync');
	});

	test('callers that catch inside fn get every item', async () => {
		const out = await mapConcurrent([1, 2, 3, 4], 2, async (n) => {
			try {
				if (n % 2 === 0) throw new Error(`bad ${n}`);
				return { ok: n };
			} catch (error) {
				return { error: (error as Error).message };
			}
		});
		expect(out).toEqual([{ ok: 1 }, { error: 'bad 2' }, { ok: 3 }, { error: 'bad 4' }]);
	});
});
