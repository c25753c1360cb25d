/* eslint-disable */
// What a user reaches from the npm page and the editor: the repository, the issue tracker and
// every documentation link are one GitHub repository, and every `#anchor` is a README heading.
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(REPO, file), 'utf8');
const pkg = JSON.parse(read('package.json'));
const GITHUB = 'https://github.com/n8n-nodes-yoti/n8n-nodes-yoti';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to `-`. */
function readmeAnchors(): Set<string> {
	const anchors = new Set<string>();
	for (const line of read('README.md').split('\n')) {
		const heading = /^#{1,6}\s+(.*)$/.exec(line);
		if (!heading) continue;
		anchors.add(
			heading[1]
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N}\s_-]/gu, '')
				.replace(/\s/g, '-'),
		);
	}
	return anchors;
}

/** Every documentation URL the package shows: package.json, the codex files, credential classes. */
function documentationUrls(): Array<{ where: string; url: string }> {
	const urls = [{ where: 'package.json homepage', url: pkg.homepage as string }];
	for (const dir of ['nodes/Yoti', 'nodes/YotiTrigger', 'nodes/YotiSignTrigger', 'nodes/YotiAgeTrigger']) {
		for (const file of fs.readdirSync(path.join(REPO, dir)).filter((f) => f.endsWith('.node.json'))) {
			const codex = JSON.parse(read(`${dir}/${file}`));
			for (const list of Object.values(codex.resources ?? {}) as Array<Array<{ url: string }>>) {
				for (const { url } of list) urls.push({ where: `${dir}/${file}`, url });
			}
		}
	}
	for (const file of fs.readdirSync(path.join(REPO, 'credentials')).filter((f) => f.endsWith('.credentials.ts'))) {
		const match = /documentationUrl\s*=\s*'([^']+)'/.exec(read(`credentials/${file}`));
		if (match) urls.push({ where: `credentials/${file}`, url: match[1] });
	}
	return urls;
}

describe('package metadata a user can follow', () => {
	it('repository, bugs and author name the same public GitHub repository', () => {
		// npm provenance is only accepted when repository.url is the repository the workflow runs in.
		expect(pkg.repository).toEqual({ type: 'git', url: `git+${GITHUB}.git` });
		expect(pkg.bugs).toEqual({ url: `${GITHUB}/issues` });
		expect(pkg.author.url).toBe('https://github.com/n8n-nodes-yoti');
		expect(pkg.author.name).toMatch(/\S/);
		expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
		expect(read('.github/workflows/publish.yml')).toContain('repository n8n-nodes-yoti/n8n-nodes-yoti');
	});

	it('the homepage and every documentation link point at a section of the README', () => {
		const anchors = readmeAnchors();
		const links = documentationUrls();
		expect(links.length).toBeGreaterThanOrEqual(8);
		for (const { where, url } of links) {
			const [base, anchor] = url.split('#');
			expect({ where, base }).toEqual({ where, base: GITHUB });
			expect({ where, anchor, exists: anchors.has(anchor) }).toEqual({ where, anchor, exists: true });
		}
		expect(pkg.homepage).toBe(`${GITHUB}#install-in-n8n`);
	});

	it('CHANGELOG.md has a section for the package.json version and ships in the package', () => {
		const changelog = read('CHANGELOG.md');
		expect(changelog).toMatch(new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}$`, 'm'));
		expect(pkg.files).toContain('CHANGELOG.md');
	});
});
