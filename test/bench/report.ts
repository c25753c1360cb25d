// The human-readable table. The machine-readable JSON line is printed by bench.ts.

export interface Row {
	figure: string;
	value: string;
	target: string;
	/** undefined: not measured in this run / informational */
	pass?: boolean;
}

export function table(rows: Row[]): string {
	const header: Row = { figure: 'figure', value: 'value', target: 'target' };
	const status = (row: Row) => (row === header ? 'result' : row.pass === undefined ? '-' : row.pass ? 'pass' : 'MISS');
	const all = [header, ...rows];
	const widths = [
		Math.max(...all.map((r) => r.figure.length)),
		Math.max(...all.map((r) => r.value.length)),
		Math.max(...all.map((r) => r.target.length)),
	];
	const line = (r: Row) => `${r.figure.padEnd(widths[0])}  ${r.value.padStart(widths[1])}  ${r.target.padEnd(widths[2])}  ${status(r)}`;
	const rule = '-'.repeat(widths[0] + widths[1] + widths[2] + 12);
	return [line(header), rule, ...rows.map(line)].join('\n');
}

export const round = (value: number, digits: number) => Number(value.toFixed(digits));
