/* eslint-disable */
import * as fs from 'fs';
import * as path from 'path';

export const SHARED = path.resolve(__dirname, '../../../shared');
export const SEEDS = path.join(SHARED, 'seeds');
export const FIXTURES = path.join(SHARED, 'conformance/sdk-fixtures');

export function fixtureBytes(name: string): Buffer {
	return fs.readFileSync(path.join(FIXTURES, name));
}

export function seedText(prefix: string): string {
	const file = fs.readdirSync(SEEDS).find((name) => name.startsWith(prefix));
	if (!file) throw new Error(`seed ${prefix} missing`);
	return fs.readFileSync(path.join(SEEDS, file), 'utf8');
}

/**
 * Makes the doc pages' JSON-ish examples parseable: drops `//` and block comments and `...`
 * elisions outside strings, adds commas the docs forgot between lines, drops trailing commas,
 * wraps a `"key": value` fragment in braces and closes brackets a truncated fragment left open.
 * Returns undefined when the text still is not JSON. Test-only; the product never sees this.
 */
export function looseJson(source: string): unknown {
	let out = '';
	let inString = false;
	const stack: string[] = [];
	for (let i = 0; i < source.length; i++) {
		const c = source[i];
		if (inString) {
			out += c;
			if (c === '\\') out += source[++i] ?? '';
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') {
			inString = true;
			out += c;
		} else if (c === '/' && source[i + 1] === '/') {
			while (i < source.length && source[i] !== '\n') i++;
			out += '\n';
		} else if (c === '/' && source[i + 1] === '*') {
			const end = source.indexOf('*/', i + 2);
			i = end < 0 ? source.length : end + 1;
		} else if (c === '.' && source.startsWith('...', i)) {
			i += 2;
		} else {
			if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
			if (c === '}' || c === ']') {
				if (stack.pop() !== c) return undefined;
			}
			out += c;
		}
	}
	let text = out.trim();
	text = text.replace(/(["\d\]}el])([ \t]*\r?\n\s*)(?=["{])/g, '$1,$2');
	if (text.startsWith('"')) {
		text = `{${text}`;
		stack.unshift('}');
	}
	text += stack.reverse().join('');
	text = text.replace(/,(\s*[}\]])/g, '$1');
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** The bodies of a Markdoc page's `{% tab language="json|javascript" %}` code blocks. */
export function codeBlocks(page: string): string[] {
	const blocks: string[] = [];
	const re = /\{% tab language="(?:json|javascript)" %\}\r?\n([\s\S]*?)\{% \/tab %\}/g;
	for (let m = re.exec(page); m; m = re.exec(page)) blocks.push(m[1]);
	return blocks;
}

/** JSON objects printed as plain text: from a line that is just `{` to its balancing `}`. */
export function bareObjects(page: string): string[] {
	const lines = page.split('\n');
	const objects: string[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (lines[i].trim() !== '{') continue;
		let depth = 0;
		const taken: string[] = [];
		for (let j = i; j < lines.length; j++) {
			taken.push(lines[j]);
			for (const c of lines[j].replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
				if (c === '{' || c === '[') depth++;
				if (c === '}' || c === ']') depth--;
			}
			if (depth === 0) {
				i = j;
				break;
			}
		}
		objects.push(taken.join('\n'));
	}
	return objects;
}

/** Every value in a flat item is a primitive, null, or a list of strings. */
export function isFlat(item: Record<string, unknown>): boolean {
	return Object.values(item).every(
		(value) =>
			value === null ||
			typeof value === 'string' ||
			typeof value === 'boolean' ||
			(typeof value === 'number' && Number.isFinite(value)) ||
			(Array.isArray(value) && value.every((element) => typeof element === 'string')),
	);
}
